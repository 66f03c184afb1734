// Resolves the browser once per run; every browser test file reads the answer with inject('chromium').
import type { TestProject } from 'vitest/node';
import { type ResolvedChromium, resolveChromium } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    chromium: ResolvedChromium;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('chromium', await resolveChromium());
}

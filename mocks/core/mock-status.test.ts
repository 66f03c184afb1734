// `x-mock-status`: a response kept under its 4xx key in the spec that the mock sends with another
// HTTP status (a server refusing with HTTP 200 and a non-zero code).
import { describe, expect, it } from 'vitest';
import { readOperations } from './operations.ts';
import { errorResponse } from './plan-response.ts';

const envelope = (code: number, desc: string) => ({
  content: { 'application/json': { examples: { first: { value: { code, desc } } } } },
});

function doc(refusal: Record<string, unknown>) {
  return {
    paths: {
      '/login': {
        post: {
          operationId: 'login',
          requestBody: { content: { 'application/json': {} } },
          responses: {
            '200': envelope(0, 'Ok'),
            '400': { ...envelope(1002, 'Invalid input'), ...refusal },
          },
        },
      },
    },
  };
}

describe('x-mock-status', () => {
  it('sets the status the mock sends, and leaves the response under its own key', () => {
    const [op] = readOperations(doc({ 'x-mock-status': 200, headers: { 'X-Reason': { example: 'input' } } }));
    const invalid = op?.responses.find((r) => r.status === 400);
    expect(invalid?.sentStatus).toBe(200);
    expect(op?.responses.find((r) => r.status === 200)?.sentStatus).toBe(200);
    const answer = errorResponse(400, "Invalid request: 'user' is required", op);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ code: 1002, desc: "Invalid request: 'user' is required" });
    expect(answer.headers['x-reason']).toBe('input');
  });

  it('sends the status of the key when absent', () => {
    const [op] = readOperations(doc({}));
    expect(errorResponse(400, 'bad', op).status).toBe(400);
  });

  it('sends an envelope without a top-level desc as the spec has it', () => {
    const nested = {
      content: { 'application/json': { examples: { e: { value: { result: { code: 7, desc: 'No' } } } } } },
    };
    const [op] = readOperations(doc({ ...nested, 'x-mock-status': 200 }));
    expect(JSON.parse(errorResponse(400, 'bad', op).body)).toEqual({ result: { code: 7, desc: 'No' } });
  });

  it('leaves out the headers x-mock-omit-headers names, its own Cache-Control too', () => {
    const [op] = readOperations(doc({ 'x-mock-omit-headers': ['Cache-Control'] }));
    const answer = errorResponse(400, 'bad', op);
    expect(answer.headers['cache-control']).toBeUndefined();
    expect(answer.headers['content-type']).toBe('application/json');
    expect(errorResponse(400, 'bad').headers['cache-control']).toBe('no-store');
    expect(() => readOperations(doc({ 'x-mock-omit-headers': 'Cache-Control' }))).toThrow(/list of header names/);
  });

  it('sends a text example of a text media type as it is', () => {
    const text = { content: { 'text/plain': { examples: { e: { value: '400 Invalid input\n' } } } } };
    const [op] = readOperations(doc({ ...text, 'x-mock-status': 422 }));
    const answer = errorResponse(400, 'bad', op);
    expect(answer).toMatchObject({ status: 422, body: '400 Invalid input\n' });
    expect(answer.headers['content-type']).toBe('text/plain');
  });

  it.each([[0], [42], [600], ['200'], [200.5]])('refuses %j as a status, naming the response', (value) => {
    expect(() => readOperations(doc({ 'x-mock-status': value }))).toThrow(/POST \/login response 400: x-mock-status/);
  });
});

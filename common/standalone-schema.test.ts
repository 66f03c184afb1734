import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { standaloneSchema } from './standalone-schema.ts';

const components = {
  Envelope: { type: 'object', required: ['code'], properties: { code: { $ref: '#/components/schemas/Code' } } },
  Code: { type: 'integer' },
};

describe('standaloneSchema', () => {
  it('aims component refs at $defs and carries the components along', () => {
    const schema = standaloneSchema({ $ref: '#/components/schemas/Envelope' }, components);
    expect(schema).toEqual({
      $ref: '#/$defs/Envelope',
      $defs: {
        Envelope: { type: 'object', required: ['code'], properties: { code: { $ref: '#/$defs/Code' } } },
        Code: { type: 'integer' },
      },
    });
    const validate = new Ajv2020().compile(schema);
    expect(validate({ code: 1 })).toBe(true);
    expect(validate({ code: '1' })).toBe(false);
  });

  it('leaves a schema without components as it is, without $defs', () => {
    expect(standaloneSchema({ type: 'string' }, undefined)).toEqual({ type: 'string' });
    expect(standaloneSchema({ type: 'string' }, {})).toEqual({ type: 'string' });
  });

  it('does not change the schema it is given', () => {
    const schema = { items: [{ $ref: '#/components/schemas/Code' }] };
    standaloneSchema(schema, components);
    expect(schema).toEqual({ items: [{ $ref: '#/components/schemas/Code' }] });
  });
});

import { describe, expect, it } from 'vitest';
import { needsMultipart, schemaForType } from './parameter-schema.ts';

describe('schemaForType', () => {
  it.each([
    ['string', { type: 'string' }],
    ['String', { type: 'string' }],
    ['long', { type: 'integer', format: 'int64' }],
    ['int64', { type: 'integer', format: 'int64' }],
    ['Guid', { type: 'string', format: 'uuid' }],
    ['UUIDV4', { type: 'string', format: 'uuid' }],
    ['bool', { type: 'boolean' }],
    ['double', { type: 'number', format: 'double' }],
    ['float', { type: 'number', format: 'float' }],
    ['date-time', { type: 'string', format: 'date-time' }],
    ['DateTime', { type: 'string', format: 'date-time' }],
    ['array', { type: 'array' }],
    ['array of string', { type: 'array', items: { type: 'string' } }],
    ['array of integers', { type: 'array', items: { type: 'integer' } }],
    ['long[]', { type: 'array', items: { type: 'integer', format: 'int64' } }],
    ['List<Guid>', { type: 'array', items: { type: 'string', format: 'uuid' } }],
    ['file', { type: 'string', contentMediaType: 'application/octet-stream' }],
  ])('%s', (type, schema) => {
    expect(schemaForType(type)).toEqual(schema);
  });

  it('knows nothing of made-up types', () => {
    expect(schemaForType('wibble')).toBeUndefined();
    expect(schemaForType('array of wibble')).toBeUndefined();
  });

  it('asks for multipart for files and objects only', () => {
    expect(['file', 'object', 'JSON', 'string', 'integer'].map(needsMultipart)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

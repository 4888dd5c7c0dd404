/**
 * Per-property columns over all stored rows, in row order: the float `JSONExtractFloat` reads and
 * the dictionary-coded string `JSONExtractString` reads. Built on first use in one sequential pass
 * (reading properties objects in time order would chase pointers all over the heap) and extended
 * as rows are appended; an in-place replacement invalidates them. The few most recent are kept.
 */
import { extractFloat, extractString, needsOwnCheck, readProperty, type EventProperties } from './json-extract';

/** Strings coded as small integers: `values[codes[row]]` is the row's string. */
export interface CodedColumn {
  readonly codes: Int32Array;
  readonly values: readonly string[];
  readonly codeOf: ReadonlyMap<string, number>;
}

/** What the cache reads (the store's current row-ordered columns) and a count of in-place rewrites. */
export interface ColumnSource {
  readonly size: () => number;
  readonly rewrites: () => number;
  readonly properties: () => readonly EventProperties[];
  readonly externalCustomerIds: () => readonly string[];
  readonly customerIds: () => readonly string[];
}

type Column = { kind: 'float'; values: Float64Array; built: number } | { kind: 'coded'; column: MutableCoded; built: number };
interface MutableCoded {
  codes: Int32Array;
  values: string[];
  codeOf: Map<string, number>;
}

const maxColumns = 16;

function grown<T extends Float64Array | Int32Array>(array: T, size: number, make: (length: number) => T): T {
  if (size <= array.length) return array;
  const next = make(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** The derived columns of one store, keyed by property (and the two customer columns). */
export class ColumnCache {
  private readonly columns = new Map<string, Column>();
  private rewritesSeen = 0;

  constructor(private readonly source: ColumnSource) {}

  /** `JSONExtractFloat(properties, name)` of every row. */
  floats(name: string): Float64Array {
    const key = `f:${name}`;
    const empty: Column = { kind: 'float', values: new Float64Array(0), built: 0 };
    const column = this.fresh(key) ?? empty;
    if (column.kind !== 'float') throw new Error(`column ${key} is not a float column`);
    const size = this.source.size();
    const properties = this.source.properties();
    column.values = grown(column.values, size, (length) => new Float64Array(length));
    const own = needsOwnCheck(name);
    for (let row = column.built; row < size; row += 1) {
      const record = properties[row] ?? {};
      column.values[row] = extractFloat(own ? readProperty(record, name) : record[name]);
    }
    column.built = size;
    this.keep(key, column);
    return column.values;
  }

  /** `JSONExtractString(properties, name)` of every row, coded. */
  strings(name: string): CodedColumn {
    const own = needsOwnCheck(name);
    const properties = this.source.properties();
    return this.coded(`s:${name}`, (row) => {
      const record = properties[row] ?? {};
      return extractString(own ? readProperty(record, name) : record[name]);
    });
  }

  /** The `external_customer_id` of every row, coded. */
  externalCustomerIds(): CodedColumn {
    const ids = this.source.externalCustomerIds();
    return this.coded('external_customer_id', (row) => ids[row] ?? '');
  }

  /** The `customer_id` of every row, coded. */
  customerIds(): CodedColumn {
    const ids = this.source.customerIds();
    return this.coded('customer_id', (row) => ids[row] ?? '');
  }

  private coded(key: string, read: (row: number) => string): CodedColumn {
    const empty: Column = { kind: 'coded', column: { codes: new Int32Array(0), values: [], codeOf: new Map() }, built: 0 };
    const column = this.fresh(key) ?? empty;
    if (column.kind !== 'coded') throw new Error(`column ${key} is not a coded column`);
    const size = this.source.size();
    const coded = column.column;
    coded.codes = grown(coded.codes, size, (length) => new Int32Array(length));
    for (let row = column.built; row < size; row += 1) {
      const value = read(row);
      let code = coded.codeOf.get(value);
      if (code === undefined) {
        code = coded.values.length;
        coded.values.push(value);
        coded.codeOf.set(value, code);
      }
      coded.codes[row] = code;
    }
    column.built = size;
    this.keep(key, column);
    return coded;
  }

  private fresh(key: string): Column | undefined {
    const rewrites = this.source.rewrites();
    if (this.rewritesSeen !== rewrites) {
      this.columns.clear();
      this.rewritesSeen = rewrites;
    }
    return this.columns.get(key);
  }

  private keep(key: string, column: Column): void {
    this.columns.delete(key);
    this.columns.set(key, column);
    if (this.columns.size > maxColumns) {
      const oldest = this.columns.keys().next().value;
      if (oldest !== undefined) this.columns.delete(oldest);
    }
  }
}

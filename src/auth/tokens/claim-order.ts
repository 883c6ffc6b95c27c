/**
 * Python dicts keep insertion order for every key; JS objects list array-index-like
 * keys ("0", "42") first. A payload that has such a claim name carries its Python
 * order in a hidden (non-enumerable) property, which the encoder and the codec's
 * claim copying honour, so such tokens still re-encode byte for byte.
 */
import { ClaimObject, ClaimValue } from './claim-value';

const KEY_ORDER = Symbol('python key order');

type Ordered = ClaimObject & { [KEY_ORDER]?: string[] };

const isArrayIndex = (key: string) => /^(0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;

/** The object's keys in Python order. */
export function claimKeys(obj: ClaimObject): string[] {
  const keys = Object.keys(obj);
  const order = (obj as Ordered)[KEY_ORDER];
  if (!order || order.length !== keys.length || !order.every((k) => Object.prototype.hasOwnProperty.call(obj, k))) {
    return keys;
  }
  return order;
}

/** Builds a dict the way Python fills one: `d[key] = value` appends new keys and keeps existing ones in place. */
export class PyDictBuilder {
  private readonly obj: ClaimObject = Object.create(null) as ClaimObject;
  private readonly order: string[] = [];

  /** `dict.copy()` of an existing payload. */
  static copyOf(source: ClaimObject): PyDictBuilder {
    const builder = new PyDictBuilder();
    for (const key of claimKeys(source)) builder.set(key, source[key]);
    return builder;
  }

  set(key: string, value: ClaimValue): this {
    if (!Object.prototype.hasOwnProperty.call(this.obj, key)) this.order.push(key);
    // defineProperty: "__proto__" is an ordinary claim name
    Object.defineProperty(this.obj, key, { value, writable: true, enumerable: true, configurable: true });
    return this;
  }

  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.obj, key);
  }

  build(): ClaimObject {
    if (this.order.some(isArrayIndex)) {
      Object.defineProperty(this.obj, KEY_ORDER, { value: [...this.order], enumerable: false });
    }
    return this.obj;
  }
}

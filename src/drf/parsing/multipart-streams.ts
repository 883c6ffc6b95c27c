/**
 * A line-for-line port of the stream classes in django/http/multipartparser.py (3.2.25).
 * Django's multipart parsing is defined by these (lenient, chunk-size dependent) mechanics
 * rather than by RFC 7578, so they are reproduced instead of using a conforming parser:
 * e.g. a skipped part that straddles a 64 KiB read leaves its tail to be read as a new part.
 */
import { DjangoSuspiciousOperation } from './django-errors';
import { HeaderParam, HeaderValueError, multipartParseHeader } from './header-params';

const EMPTY = Buffer.alloc(0);

/** Something Python iterates: `next()` returns null where Python raises StopIteration. */
export interface Producer {
  next(): Buffer | null;
}

/** `ChunkIter(flo, chunk_size)` over the request body. */
export class ChunkIter implements Producer {
  private pos = 0;

  constructor(
    private readonly data: Buffer,
    private readonly chunkSize: number,
  ) {}

  next(): Buffer | null {
    if (this.pos >= this.data.length) return null;
    const chunk = this.data.subarray(this.pos, this.pos + this.chunkSize);
    this.pos += chunk.length;
    return chunk;
  }
}

/** `LazyStream`: a producer with read(size) and unget(). */
export class LazyStream implements Producer {
  private leftover: Buffer = EMPTY;
  private ungetHistory: number[] = [];

  constructor(private readonly producer: Producer) {}

  /** `read(size)`; null size reads everything. */
  read(size: number | null): Buffer {
    const parts: Buffer[] = [];
    if (size === null) {
      for (let chunk = this.next(); chunk !== null; chunk = this.next()) parts.push(chunk);
      return Buffer.concat(parts);
    }
    let remaining = size;
    while (remaining !== 0) {
      const chunk = this.next();
      if (chunk === null) break;
      const emitting = chunk.subarray(0, remaining);
      this.unget(chunk.subarray(remaining));
      remaining -= emitting.length;
      parts.push(emitting);
    }
    return Buffer.concat(parts);
  }

  next(): Buffer | null {
    if (this.leftover.length) {
      const output = this.leftover;
      this.leftover = EMPTY;
      return output;
    }
    const output = this.producer.next();
    if (output === null) return null;
    this.ungetHistory = [];
    return output;
  }

  unget(bytes: Buffer): void {
    if (!bytes.length) return;
    this.updateUngetHistory(bytes.length);
    this.leftover = this.leftover.length ? Buffer.concat([bytes, this.leftover]) : bytes;
  }

  /** Django's guard against a parser loop: the same unget size more than 40 times in the last 50. */
  private updateUngetHistory(numBytes: number): void {
    this.ungetHistory = [numBytes, ...this.ungetHistory.slice(0, 49)];
    if (this.ungetHistory.filter((n) => n === numBytes).length > 40) {
      throw new DjangoSuspiciousOperation(
        'SuspiciousMultipartForm',
        "The multipart parser got stuck, which shouldn't happen with normal uploaded files.",
      );
    }
  }

  /** `exhaust(stream)` */
  exhaust(): void {
    while (this.next() !== null);
  }
}

/** Raised by BoundaryIter's constructor when the stream is empty. */
class InputStreamExhausted {}

/** `BoundaryIter`: yields bytes up to the next separator, pushes the rest back. */
class BoundaryIter implements Producer {
  private done = false;
  private readonly rollback: number;

  constructor(
    private readonly stream: LazyStream,
    private readonly boundary: Buffer,
  ) {
    this.rollback = boundary.length + 6;
    const unusedChar = stream.read(1);
    if (!unusedChar.length) throw new InputStreamExhausted();
    stream.unget(unusedChar);
  }

  next(): Buffer | null {
    if (this.done) return null;
    const chunks: Buffer[] = [];
    let bytesRead = 0;
    let broke = false;
    for (let bytes = this.stream.next(); bytes !== null; bytes = this.stream.next()) {
      bytesRead += bytes.length;
      chunks.push(bytes);
      if (bytesRead > this.rollback || !bytes.length) {
        broke = true;
        break;
      }
    }
    if (!broke) this.done = true;
    if (!chunks.length) return null;
    const chunk = Buffer.concat(chunks);
    const index = chunk.indexOf(this.boundary);
    if (index >= 0) {
      let end = index;
      // back up over the CRLF (each byte checked on its own, as Django does)
      if (chunk[Math.max(0, end - 1)] === 0x0a) end -= 1;
      if (chunk[Math.max(0, end - 1)] === 0x0d) end -= 1;
      this.stream.unget(chunk.subarray(index + this.boundary.length));
      this.done = true;
      return chunk.subarray(0, end);
    }
    // never hand out what could be the start of a separator split across reads
    if (chunk.length <= this.rollback) {
      this.done = true;
      return chunk;
    }
    this.stream.unget(chunk.subarray(chunk.length - this.rollback));
    return chunk.subarray(0, chunk.length - this.rollback);
  }
}

export type ItemType = 'raw' | 'field' | 'file';
/** Part headers: lower-cased name -> [value after ':', parameters]. */
export type PartHeaders = Map<string, [string, Map<string, HeaderParam>]>;
export interface PartItem {
  type: ItemType;
  headers: PartHeaders;
  stream: LazyStream;
}

/** `Parser(stream, boundary)`: one item per separator-delimited segment (preamble and epilogue included). */
export function* parts(stream: LazyStream, boundary: Buffer): Generator<PartItem> {
  const separator = Buffer.concat([Buffer.from('--'), boundary]);
  for (;;) {
    let subStream: LazyStream;
    try {
      subStream = new LazyStream(new BoundaryIter(stream, separator));
    } catch (e) {
      if (e instanceof InputStreamExhausted) return;
      throw e;
    }
    yield parseBoundaryStream(subStream, 1024);
  }
}

/** `parse_boundary_stream`: headers must end (CRLFCRLF) within the first `maxHeaderSize` bytes. */
function parseBoundaryStream(stream: LazyStream, maxHeaderSize: number): PartItem {
  const chunk = stream.read(maxHeaderSize);
  const headerEnd = chunk.indexOf('\r\n\r\n');
  const headers: PartHeaders = new Map();
  if (headerEnd === -1) {
    stream.unget(chunk);
    return { type: 'raw', headers, stream };
  }
  stream.unget(chunk.subarray(headerEnd + 4));
  let type: ItemType = 'raw';
  for (const line of chunk.subarray(0, headerEnd).toString('latin1').split('\r\n')) {
    let parsed: [string, Map<string, HeaderParam>];
    try {
      parsed = multipartParseHeader(line);
    } catch (e) {
      if (e instanceof HeaderValueError) continue;
      throw e;
    }
    const [mainValue, params] = parsed;
    const colon = mainValue.indexOf(':');
    if (colon < 0) continue; // "Invalid header" ValueError: line ignored
    const name = mainValue.slice(0, colon);
    if (name === 'content-disposition') {
      const filename = params.get('filename');
      type = filename && ('bytes' in filename ? filename.bytes : filename.text) ? 'file' : 'field';
    }
    headers.set(name, [mainValue.slice(colon + 1), params]);
  }
  if (type === 'raw') stream.unget(chunk);
  return { type, headers, stream };
}

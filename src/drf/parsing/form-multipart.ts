/**
 * DRF's MultiPartParser = Django 3.2.25 `MultiPartParser(META, stream, upload_handlers, encoding).parse()`
 * with the default upload handlers, wrapped so `MultiPartParserError` becomes
 * `ParseError('Multipart form parse error - ...')`.
 */
import { DjangoSuspiciousOperation, FormParseError } from './django-errors';
import { cgiParseHeader, HeaderParam, multipartParseHeader, stripBytes } from './header-params';
import { ChunkIter, LazyStream, parts } from './multipart-streams';
import { PyBinasciiError, pyB64decode } from './python-base64';
import { decodeToString, PyCodec, requestCodec } from './python-codecs';
import { pyLen, pyStrip } from './python-text';
import { PyUploadedFile } from './python-value';

/** Django defaults (settings.DATA_UPLOAD_MAX_*, upload handler chunk size). */
export const DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440;
export const DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000;
export const DATA_UPLOAD_MAX_NUMBER_FILES = 100;
export const FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440;
const CHUNK_SIZE = 64 * 1024;

export interface MultipartForm {
  /** Text fields in body order (QueryDict.appendlist order). */
  fields: [string, string][];
  /** Uploaded files in body order, with their field names. */
  files: [string, PyUploadedFile][];
}

function parseError(message: string): FormParseError {
  return new FormParseError(`Multipart form parse error - ${message}`);
}

/** The request encoding Django derives from the same Content-Type header (cgi.parse_header). */
function requestCodecFor(contentType: string): PyCodec {
  return requestCodec(cgiParseHeader(contentType)[1].get('charset'));
}

/** `MultiPartParser.__init__`: Content-Type and boundary checks. */
function boundaryOf(contentType: string): Buffer {
  if (!contentType.startsWith('multipart/')) throw parseError(`Invalid Content-Type: ${contentType}`);
  if (/[^\x00-\x7f]/.test(contentType)) {
    throw parseError(`Invalid non-ASCII Content-Type in multipart: ${contentType}`);
  }
  const boundary = multipartParseHeader(contentType)[1].get('boundary');
  const text = boundary === undefined ? undefined : 'bytes' in boundary ? boundary.bytes : boundary.text;
  // cgi.valid_boundary: ^[ -~]{0,200}[!-~]$
  if (!text || !/^[ -~]{0,200}[!-~]$/.test(text)) {
    throw parseError(`Invalid boundary in multipart: ${text === undefined ? 'None' : text}`);
  }
  return Buffer.from(text, 'latin1');
}

/** `force_str(value, encoding, errors='replace')` for a header parameter. */
function paramText(p: HeaderParam, codec: PyCodec): string {
  return 'bytes' in p ? decodeToString(Buffer.from(p.bytes, 'latin1'), codec, 'replace') : p.text;
}

/** `MultiPartParser.sanitize_file_name` (html.unescape approximated, see decodeEntities). */
function sanitizeFileName(name: string): string | null {
  const base = decodeEntities(name).split('/').pop()!.split('\\').pop()!;
  return base === '' || base === '.' || base === '..' ? null : base;
}

/** Approximates `html.unescape`: numeric references and the few names that matter for paths. */
function decodeEntities(s: string): string {
  const named: { [k: string]: string } = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", sol: '/', bsol: '\\', period: '.' };
  return s.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);?/g, (all, ref: string) => {
    if (ref[0] !== '#') return named[ref] ?? all;
    const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  });
}

/** `bytes.split()` joined: drop ASCII whitespace. */
function withoutWhitespace(b: Buffer): Buffer {
  return Buffer.from(b.toString('latin1').replace(/[ \t\n\r\x0b\x0c]/g, ''), 'latin1');
}

/**
 * Parses a multipart body the way the reference stack does. Throws FormParseError (DRF 400),
 * DjangoSuspiciousOperation (Django 400 page) or DjangoServerError (500).
 */
export function parseMultipartForm(bytes: Buffer, contentType: string): MultipartForm {
  const boundary = boundaryOf(contentType);
  const codec = requestCodecFor(contentType);
  const form: MultipartForm = { fields: [], files: [] };
  if (bytes.length === 0) return form;

  const stream = new LazyStream(new ChunkIter(bytes, CHUNK_SIZE));
  let pendingFile: [string, PyUploadedFile] | null = null; // completed when the next part starts
  // MemoryFileUploadHandler takes the upload when the whole request fits in memory
  const fileType = bytes.length <= FILE_UPLOAD_MAX_MEMORY_SIZE ? 'InMemoryUploadedFile' : 'TemporaryUploadedFile';
  let numPostKeys = 0;
  let numFiles = 0;
  let numBytesRead = 0;

  for (const item of parts(stream, boundary)) {
    if (pendingFile) {
      form.files.push(pendingFile);
      pendingFile = null;
    }
    if (item.type !== 'file') {
      // 2 accounts for the preamble and epilogue segments
      if (DATA_UPLOAD_MAX_NUMBER_FIELDS + 2 < ++numPostKeys) {
        throw new DjangoSuspiciousOperation(
          'TooManyFieldsSent',
          'The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.',
        );
      }
    }
    const disposition = item.headers.get('content-disposition')?.[1];
    const rawName = disposition?.get('name');
    if (!disposition || !rawName) continue;
    const fieldName = paramText('bytes' in rawName ? { bytes: stripBytes(rawName.bytes) } : { text: pyStrip(rawName.text) }, codec);
    const transferEncoding = item.headers.get('content-transfer-encoding')?.[0];
    const isBase64 = transferEncoding !== undefined && pyStrip(transferEncoding) === 'base64';

    if (item.type === 'field') {
      const readSize = DATA_UPLOAD_MAX_MEMORY_SIZE - numBytesRead;
      const raw = item.stream.read(readSize);
      numBytesRead += raw.length + pyLen(fieldName) + 2; // "+2" mirrors the urlencoded "&=" count
      if (numBytesRead > DATA_UPLOAD_MAX_MEMORY_SIZE) {
        throw new DjangoSuspiciousOperation(
          'RequestDataTooBig',
          'Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.',
        );
      }
      let data = raw;
      if (isBase64) {
        try {
          data = pyB64decode(raw);
        } catch (e) {
          if (!(e instanceof PyBinasciiError)) throw e;
        }
      }
      form.fields.push([fieldName, decodeToString(data, codec, 'replace')]);
    } else if (item.type === 'file') {
      if (++numFiles > DATA_UPLOAD_MAX_NUMBER_FILES) {
        throw new DjangoSuspiciousOperation(
          'TooManyFilesSent',
          'The number of files exceeded settings.DATA_UPLOAD_MAX_NUMBER_FILES.',
        );
      }
      const fileName = sanitizeFileName(paramText(disposition.get('filename')!, codec));
      if (!fileName) continue;
      let remainder = Buffer.alloc(0);
      for (let chunk = item.stream.next(); chunk !== null; chunk = item.stream.next()) {
        if (!isBase64) continue; // file contents are not kept
        // Django decodes base64 per read chunk, carrying the unaligned tail to the next one
        const stripped = Buffer.concat([remainder, withoutWhitespace(chunk)]);
        const aligned = stripped.length - (stripped.length % 4);
        remainder = stripped.subarray(aligned);
        if (!aligned) continue;
        try {
          pyB64decode(stripped.subarray(0, aligned));
        } catch {
          throw parseError('Could not decode base64 data.');
        }
      }
      if (remainder.length) throw parseError('Could not decode base64 data.');
      pendingFile = [fieldName, new PyUploadedFile(fileName, fileType)];
    }
    // (a part without Content-Disposition is a 'raw' item and was skipped above)
  }
  // a file still pending here was cut off by the end of the body: Django drops it (upload_interrupted)
  return form;
}

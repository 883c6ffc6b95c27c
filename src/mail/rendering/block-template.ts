import Handlebars from 'handlebars';
import { djangoEscape } from './django-escape';

/**
 * A mail template in Djoser's shape: one file holding the blocks `subject`,
 * `text_body` and `html_body` (Handlebars inline partials
 * `{{#*inline "subject"}}...{{/inline}}`); each block is rendered on its own and
 * stripped, text outside the blocks is ignored (templated_mail's behaviour).
 *
 * Escaping is Django's, not Handlebars': `{{ x }}` escapes exactly `& < > " '`
 * (in the text part too, as Django's autoescape does), `{{{ x }}}` is Django's
 * `|safe`. An isolated Handlebars environment keeps this away from any other
 * Handlebars user in the process.
 */
export const BLOCK_NAMES = ['subject', 'text_body', 'html_body'] as const;
export type BlockName = (typeof BLOCK_NAMES)[number];
export type RenderedBlocks = Record<BlockName, string>;

const ESCAPE_HELPER = '__django_escape';

const hbs = Handlebars.create();
hbs.registerHelper(ESCAPE_HELPER, (value: unknown) => {
  if (value instanceof hbs.SafeString) return value;
  return new hbs.SafeString(value === null || value === undefined ? '' : djangoEscape(String(value)));
});

type AnyNode = hbs.AST.Node & Record<string, unknown>;

/** Rewrites every escaped `{{ expr }}` into the unescaped `{{{ __django_escape expr }}}`. */
class DjangoAutoescape extends Handlebars.Visitor {
  constructor() {
    super();
    (this as unknown as { mutating: boolean }).mutating = true;
  }

  // Handlebars' Visitor replaces a node with what the method returns (mutating mode).
  MustacheStatement(node: hbs.AST.MustacheStatement): void {
    if (!node.escaped) return; // {{{ x }}}: |safe
    const hasArguments = node.params.length > 0 || node.hash !== undefined;
    // A helper call becomes a sub-expression; a bare path or literal is passed as is.
    const inner = hasArguments ? { type: 'SubExpression', path: node.path, params: node.params, hash: node.hash, loc: node.loc } : node.path;
    const helper = { type: 'PathExpression', data: false, depth: 0, parts: [ESCAPE_HELPER], original: ESCAPE_HELPER, loc: node.loc };
    const replacement = { type: 'MustacheStatement', path: helper, params: [inner], hash: undefined, escaped: false, strip: node.strip, loc: node.loc };
    return replacement as unknown as void;
  }
}

function isInlineBlock(node: hbs.AST.Statement): node is hbs.AST.Statement & { params: hbs.AST.Expression[] } {
  const n = node as AnyNode;
  return n.type === 'DecoratorBlock' && (n.path as hbs.AST.PathExpression).original === 'inline';
}

function blockName(node: hbs.AST.Statement): string | undefined {
  const param = (node as unknown as { params: hbs.AST.Expression[] }).params[0] as hbs.AST.StringLiteral | undefined;
  return param?.type === 'StringLiteral' ? param.value : undefined;
}

type Renderer = (context: object) => string;

/** Compiles the program "the template's inline blocks, then `{{> name}}`" for one block. */
function compileBlock(source: string, name: BlockName): Renderer | null {
  const program = () => {
    const parsed = hbs.parse(source);
    const blocks = parsed.body.filter(isInlineBlock);
    if (!blocks.some((b) => blockName(b) === name)) return null;
    const only: hbs.AST.Program = { ...parsed, body: [...blocks, hbs.parse(`{{> ${name}}}`).body[0]] };
    new DjangoAutoescape().accept(only);
    return only;
  };
  const checked = program();
  if (!checked) return null;
  hbs.precompile(checked); // compile errors surface now (at start), not at the first mail
  return hbs.compile(program()!);
}

export class BlockTemplate {
  private readonly blocks: Record<BlockName, Renderer | null>;

  /** Throws a Handlebars parse error (with line numbers) for a broken template. */
  constructor(
    readonly name: string,
    source: string,
  ) {
    this.blocks = {
      subject: compileBlock(source, 'subject'),
      text_body: compileBlock(source, 'text_body'),
      html_body: compileBlock(source, 'html_body'),
    };
  }

  /** Each block rendered and `.strip()`-ed; a missing block renders empty. */
  render(context: object): RenderedBlocks {
    const out = {} as RenderedBlocks;
    for (const b of BLOCK_NAMES) out[b] = (this.blocks[b]?.(context) ?? '').trim();
    return out;
  }
}

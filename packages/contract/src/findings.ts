// What a check finds, and the bounds on what a run keeps and prints of it: every value quoted from
// a server cut to a readable length (as a fresh string, so that no cut keeps a huge answer alive),
// and at most a few findings per answer, with a count of the rest.

export interface Finding {
  kind: 'drift' | 'error';
  message: string;
  /** Where in the body (a JSON pointer), when the finding is about the body. */
  pointer?: string;
  expected?: string;
  actual?: string;
  /** Set on the finding that stands for others left out: how many. */
  more?: number;
}

/** The longest value quoted in a finding (a body, a header, a JSON value, a pointer). */
export const QUOTE_CHARS = 120;
/** The longest message of a finding: it may name a key or a URL the server sent. */
export const MESSAGE_CHARS = 400;
/** The findings kept per answer; the rest are counted ("… and 999,995 more"). */
export const FINDINGS_PER_ANSWER = 5;

/** A copy that shares no memory with the text it was cut from (V8 keeps a slice's parent alive). */
function fresh(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/** A text cut to `max` characters, an ellipsis marking the cut. */
export function clip(text: string, max = QUOTE_CHARS): string {
  return text.length <= max ? text : fresh(`${text.slice(0, max - 1)}…`);
}

/** A text shown as a JSON string, cut to `max` characters. */
export function quote(text: string, max = QUOTE_CHARS): string {
  const shown = JSON.stringify(text.slice(0, max));
  return text.length <= max && shown.length <= max ? shown : `${shown.slice(0, max - 2)}…"`;
}

/** The start of a body as text, quoted: only the bytes that can be shown are decoded. */
export function quoteBytes(body: Buffer, max = QUOTE_CHARS): string {
  const head = body.subarray(0, max * 4).toString('utf8');
  return head.length < max && body.length > max * 4 ? `${quote(head, max - 1)}…` : quote(head, max);
}

/** A JSON value shown short: JSON.stringify, cut. */
export function quoteJson(value: unknown, max = QUOTE_CHARS): string {
  if (value === undefined) return 'nothing';
  return clip(jsonHead(value, max + 1), max);
}

/**
 * The first `length` characters (or a few more) of a value's JSON text, without writing the rest:
 * a value of a million fields costs a few of them, not a 12 MB string.
 */
function jsonHead(value: unknown, length: number): string {
  let text = '';
  const write = (node: unknown): void => {
    if (text.length > length) return;
    if (node === null || typeof node !== 'object') {
      text += JSON.stringify(node) ?? String(node);
      return;
    }
    const array = Array.isArray(node);
    text += array ? '[' : '{';
    let first = true;
    for (const key in node) {
      if (text.length > length) return;
      text += first ? '' : ',';
      if (!array) text += `${JSON.stringify(key)}:`;
      write((node as Record<string, unknown>)[key]);
      first = false;
    }
    text += array ? ']' : '}';
  };
  write(value);
  return text;
}

/** A finding with every text in it cut to its bound. */
export function boundFinding(finding: Finding): Finding {
  const { kind, message, pointer, expected, actual } = finding;
  return {
    kind,
    message: clip(message, MESSAGE_CHARS),
    ...(pointer !== undefined ? { pointer: clip(pointer) } : {}),
    ...(expected !== undefined ? { expected: clip(expected) } : {}),
    ...(actual !== undefined ? { actual: clip(actual) } : {}),
  };
}

/** The finding that stands for those left out. */
function moreFinding(count: number, kind: Finding['kind']): Finding {
  return { kind, message: `… and ${count.toLocaleString('en-US')} more`, more: count };
}

/**
 * Collects the findings of one answer: keeps the first few, counts the rest, so that an answer
 * with a million wrong fields costs a few findings and a number.
 */
export class FindingList {
  private readonly kept: Finding[] = [];
  private more = 0;
  private moreKind: Finding['kind'] = 'drift';

  constructor(private readonly limit = FINDINGS_PER_ANSWER) {}

  add(finding: Finding): void {
    if (finding.more !== undefined) this.addCount(finding.more, finding.kind);
    else if (this.kept.length < this.limit) this.kept.push(boundFinding(finding));
    else {
      this.more++;
      if (finding.kind === 'error') this.moreKind = 'error';
    }
  }

  /** Counts `count` findings of this kind without building them. */
  addCount(count: number, kind: Finding['kind']): void {
    if (count <= 0) return;
    this.more += count;
    if (kind === 'error') this.moreKind = 'error';
  }

  /** False once the list is full: a caller counts what it finds instead of building findings. */
  get open(): boolean {
    return this.kept.length < this.limit;
  }

  get size(): number {
    return this.kept.length + this.more;
  }

  /** The findings kept, then one that counts the others. */
  list(): Finding[] {
    return this.more > 0 ? [...this.kept, moreFinding(this.more, this.moreKind)] : [...this.kept];
  }
}

/** Findings bounded: each cut to its bounds, at most `limit` of them and a count of the rest. */
export function boundFindings(findings: Finding[], limit = FINDINGS_PER_ANSWER): Finding[] {
  const list = new FindingList(limit);
  for (const finding of findings) list.add(finding);
  return list.list();
}

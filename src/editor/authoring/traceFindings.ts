// Reads the findings out of a JSON Lines lifecycle trace (the CLI's `--json` output or its
// `--trace` file): every `diagnostic` record becomes a Finding for the Problems panel. The trace
// crosses a process boundary, so each record is validated; malformed lines are skipped, counted.
import { FINDING_CODES, type Finding, type FindingCode, type Severity, type SourceLocation } from '../../protocol/lifecycle';

export interface TraceFindings {
  findings: Finding[];
  /** The seq of each finding's `diagnostic` record (a replay stops there). */
  seqs: Map<Finding, number>;
  /** Lines that were not JSON trace records (e.g. a partial last line). */
  skippedLines: number;
}

type Json = { [key: string]: unknown };

export function findingsFromTrace(jsonl: string): TraceFindings {
  const records: unknown[] = [];
  let skippedLines = 0;
  for (const line of jsonl.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      skippedLines++;
    }
  }
  const found = findingsFromRecords(records);
  return { ...found, skippedLines: skippedLines + found.skippedLines };
}

/** The findings of parsed trace records (a recording's trace among them). */
export function findingsFromRecords(records: readonly unknown[]): TraceFindings {
  const findings: Finding[] = [];
  const seqs = new Map<Finding, number>();
  let skippedLines = 0;
  for (const record of records) {
    if (!isJson(record) || typeof record.event !== 'string') {
      skippedLines++;
      continue;
    }
    if (record.event !== 'diagnostic') continue;
    const finding = findingFromRecord(record);
    if (!finding) {
      skippedLines++;
      continue;
    }
    findings.push(finding);
    if (typeof record.seq === 'number') seqs.set(finding, record.seq);
  }
  return { findings, seqs, skippedLines };
}

/** A `diagnostic` record's detail carries the finding (code, severity, message, location). */
function findingFromRecord(record: Json): Finding | undefined {
  const detail = isJson(record.detail) ? record.detail : undefined;
  if (!detail || !isFindingCode(detail.code) || typeof detail.message !== 'string') return undefined;
  const finding: Finding = {
    code: detail.code,
    severity: isSeverity(detail.severity) ? detail.severity : 'warning',
    message: detail.message,
    time: typeof record.time === 'string' ? record.time : typeof detail.time === 'string' ? detail.time : '',
  };
  const location = locationOf(isJson(detail.location) ? detail.location : detail);
  if (location) finding.location = location;
  const identifier = typeof record.identifier === 'string' ? record.identifier : detail.identifier;
  if (typeof identifier === 'string') finding.identifier = identifier;
  return finding;
}

function locationOf(value: Json): SourceLocation | undefined {
  if (typeof value.file !== 'string' || value.file === '') return undefined;
  const line = typeof value.line === 'number' && value.line >= 1 ? Math.floor(value.line) : 1;
  const column = typeof value.column === 'number' && value.column >= 1 ? Math.floor(value.column) : 1;
  return { file: value.file, line, column };
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFindingCode(value: unknown): value is FindingCode {
  return typeof value === 'string' && (FINDING_CODES as readonly string[]).includes(value);
}

function isSeverity(value: unknown): value is Severity {
  return value === 'error' || value === 'warning' || value === 'info';
}

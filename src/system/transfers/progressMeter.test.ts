// ProgressMeter paces didWriteData on a wall clock injected here, so pacing is checked without
// any real waiting: first bytes at once, then at most one report per 100 ms, then the rest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProgressMeter } from './progressMeter';

test('reports the first bytes, then once per 100 ms, then the remainder at the end', () => {
  let wall = 0;
  const reports: [number, number, number][] = [];
  const meter = new ProgressMeter(1000, (bytes, total, expected) => reports.push([bytes, total, expected]), () => wall);
  meter.wrote(100); // t=0: first bytes, reported at once
  wall = 40;
  meter.wrote(100); // held back
  wall = 99;
  meter.wrote(100); // held back
  wall = 100;
  meter.wrote(100); // 100 ms after the last report
  wall = 150;
  meter.wrote(0); // nothing written, nothing reported
  meter.wrote(600);
  meter.finish();
  meter.finish(); // nothing left: no second final report
  assert.deepEqual(reports, [
    [100, 100, 1000],
    [300, 400, 1000],
    [600, 1000, 1000],
  ]);
  assert.equal(meter.totalBytesWritten, 1000);
});

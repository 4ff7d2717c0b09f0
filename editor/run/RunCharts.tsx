/** The live loss and metric charts of the current run. */
import { useCallback } from 'react';
import type uPlot from 'uplot';
import { alignCurves, curvePoints } from './curves.ts';
import { LiveChart, type ChartSeries } from './LiveChart.tsx';
import { metricNames, type LiveRun } from './liveRun.ts';
import type { RunSession, RunSessionState } from './runSession.ts';
import { useRunSessionSelector } from './useRunSession.ts';

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];

/** A colour per index, cycling. */
export function seriesColour(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/** Props of {@link RunCharts}. */
export interface RunChartsProps {
  readonly session: RunSession;
  /** The run to chart (the session's current one). */
  readonly run: LiveRun;
}

const selectVersion = (s: RunSessionState): number => s.runVersion;

function chartData(run: LiveRun, names: readonly string[]): uPlot.AlignedData {
  const present = names.filter((n) => run.curves[n]);
  return alignCurves(present.map((n) => curvePoints(run.curves[n]!)));
}

/** Loss (train and eval) and metrics (train and eval) of a run. */
export function RunCharts({ session, run }: RunChartsProps) {
  const version = useRunSessionSelector(session, selectVersion);
  const metrics = metricNames(run);
  const lossNames = ['loss', ...(run.curves['eval:loss'] ? ['eval:loss'] : [])];
  const metricCurves = [...metrics, ...metrics.filter((m) => run.curves[`eval:${m}`]).map((m) => `eval:${m}`)];
  const lossSeries: ChartSeries[] = lossNames.map((n, i) => ({ label: n === 'loss' ? 'train loss' : 'eval loss', stroke: seriesColour(i), ...(i > 0 ? { dash: [4, 3] } : {}) }));
  const metricSeries: ChartSeries[] = metricCurves.map((n) => {
    const base = n.startsWith('eval:') ? n.slice(5) : n;
    return { label: n.startsWith('eval:') ? `eval ${base}` : `train ${base}`, stroke: seriesColour(metrics.indexOf(base) + 2), ...(n.startsWith('eval:') ? { dash: [4, 3] } : {}) };
  });
  const lossKey = lossNames.join(',');
  const metricKey = metricCurves.join(',');
  const lossData = useCallback(() => chartData(run, lossKey.split(',')), [run, lossKey]);
  const metricData = useCallback(() => chartData(run, metricKey.split(',')), [run, metricKey]);
  return (
    <div className="nw-run-charts">
      <LiveChart title="Loss" series={lossSeries} data={lossData} version={version} logY testId="run-loss-chart" />
      {metricCurves.length > 0 && <LiveChart title="Metrics" series={metricSeries} data={metricData} version={version} testId="run-metric-chart" />}
    </div>
  );
}

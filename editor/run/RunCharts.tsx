/**
 * The live loss and metric charts of the current run. A progress batch does not re-render
 * this component: it re-renders when the run or its set of curves changes (an eval curve
 * appears), and the charts learn of new points through `subscribe` (see LiveChart.tsx).
 */
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

function chartData(run: LiveRun, names: readonly string[]): uPlot.AlignedData {
  const present = names.filter((n) => run.curves[n]);
  return alignCurves(present.map((n) => curvePoints(run.curves[n]!)));
}

/** The names of the run's curves, as one string (changes only when a curve appears). */
const selectCurveNames = (s: RunSessionState): string => (s.run ? Object.keys(s.run.curves).join(',') : '');

/** Loss (train and eval) and metrics (train and eval) of a run. */
export function RunCharts({ session, run }: RunChartsProps) {
  useRunSessionSelector(session, selectCurveNames);
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
  // Calls back when this run's numbers move (not on other session changes).
  const subscribe = useCallback(
    (onChange: () => void) => {
      let seen = run.version;
      return session.subscribe(() => {
        if (run.version === seen) return;
        seen = run.version;
        onChange();
      });
    },
    [session, run],
  );
  return (
    <div className="nw-run-charts">
      <LiveChart title="Loss" series={lossSeries} data={lossData} subscribe={subscribe} logY testId="run-loss-chart" />
      {metricCurves.length > 0 && <LiveChart title="Metrics" series={metricSeries} data={metricData} subscribe={subscribe} testId="run-metric-chart" />}
    </div>
  );
}

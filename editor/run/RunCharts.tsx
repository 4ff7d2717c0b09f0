/**
 * The live loss and metric charts of the current run, over the previous run's curves drawn
 * faded (a ghost, see ghostRun.ts) for comparison. A progress batch does not re-render
 * this component: it re-renders when the run or its set of curves changes (an eval curve
 * appears), and the charts learn of new points through `subscribe` (see LiveChart.tsx).
 */
import { useCallback, useMemo } from 'react';
import type uPlot from 'uplot';
import { alignCurves, curvePoints } from './curves.ts';
import { LiveChart, type ChartSeries } from './LiveChart.tsx';
import { useGhostRun } from './ghostRun.ts';
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

/** Alpha appended to a series colour for the previous run's ghost. */
const GHOST_ALPHA = '59';

function chartData(ghost: LiveRun | undefined, ghostNames: readonly string[], run: LiveRun, names: readonly string[]): uPlot.AlignedData {
  const ghostCurves = ghost ? ghostNames.flatMap((n) => (ghost.curves[n] ? [curvePoints(ghost.curves[n])] : [])) : [];
  const present = names.filter((n) => run.curves[n]);
  return alignCurves([...ghostCurves, ...present.map((n) => curvePoints(run.curves[n]!))]);
}

/** The data function of a chart: the ghost's curves named in `ghostKey`, then the run's in `key`. */
function chartDataOf(ghost: LiveRun | undefined, ghostKey: string, run: LiveRun, key: string): () => uPlot.AlignedData {
  return () => chartData(ghost, ghostKey.split(','), run, key.split(','));
}

/** The previous run's series: the same labels prefixed "previous", faded, drawn first. */
function ghostSeries(ghost: Readonly<LiveRun> | undefined, names: readonly string[], series: readonly ChartSeries[]): { names: string[]; series: ChartSeries[] } {
  if (!ghost) return { names: [], series: [] };
  const kept = names.flatMap((n, i) => (ghost.curves[n] && series[i] ? [{ n, s: series[i] }] : []));
  return { names: kept.map((k) => k.n), series: kept.map(({ s }) => ({ ...s, label: `previous ${s.label}`, stroke: `${s.stroke}${GHOST_ALPHA}` })) };
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
  const ghost = useGhostRun(session, run);
  // The ghost's curves by the names the current run will have (its eval curves come later).
  const metricsKey = metrics.join(',');
  const ghostLoss = useMemo(() => ghostSeries(ghost, ['loss', 'eval:loss'], [{ label: 'train loss', stroke: seriesColour(0) }, { label: 'eval loss', stroke: seriesColour(1), dash: [4, 3] }]), [ghost]);
  const ghostMetric = useMemo(() => {
    const ms = metricsKey === '' ? [] : metricsKey.split(',');
    return ghostSeries(ghost, ms.flatMap((m) => [m, `eval:${m}`]), ms.flatMap((m, i) => [{ label: `train ${m}`, stroke: seriesColour(i + 2) }, { label: `eval ${m}`, stroke: seriesColour(i + 2), dash: [4, 3] }]));
  }, [ghost, metricsKey]);
  const lossKey = lossNames.join(',');
  const metricKey = metricCurves.join(',');
  const ghostLossKey = ghostLoss.names.join(',');
  const ghostMetricKey = ghostMetric.names.join(',');
  const lossData = useMemo(() => chartDataOf(ghost, ghostLossKey, run, lossKey), [ghost, ghostLossKey, run, lossKey]);
  const metricData = useMemo(() => chartDataOf(ghost, ghostMetricKey, run, metricKey), [ghost, ghostMetricKey, run, metricKey]);
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
      <LiveChart title="Loss" series={[...ghostLoss.series, ...lossSeries]} data={lossData} subscribe={subscribe} logY testId="run-loss-chart" />
      {metricCurves.length > 0 && <LiveChart title="Metrics" series={[...ghostMetric.series, ...metricSeries]} data={metricData} subscribe={subscribe} testId="run-metric-chart" />}
    </div>
  );
}

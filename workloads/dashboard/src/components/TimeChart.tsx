import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
  values: (number | null)[];
}

export interface ChartMarker {
  /** Epoch seconds. */
  x: number;
  color: string;
}

interface Props {
  id: string;
  title: string;
  unit: string;
  x: number[];
  series: ChartSeries[];
  /** Visible x range in epoch seconds. */
  range: [number, number];
  markers: ChartMarker[];
  /** Fixed y range; otherwise from zero to a little above the highest value. */
  yRange?: [number, number];
  format: (value: number | null) => string;
  /** Tick labels of the y axis; short numbers by default. */
  axisFormat?: (value: number) => string;
  /** Show each series' label next to its value (e.g. the currency). */
  showLabels?: boolean;
  emptyText: string;
}

const HEIGHT = 180;
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const compactAxis = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

function axisNumber(value: number): string {
  return compactAxis.format(value);
}
const AXIS = '#8b97b1';
const GRID = 'rgba(139, 151, 177, 0.12)';

/** A live time-series chart (uPlot on a canvas) with vertical markers for moments. */
export function TimeChart({ id, title, unit, x, series, range, markers, yRange, format, axisFormat = axisNumber, showLabels = false, emptyText }: Props) {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const markersRef = useRef(markers);
  const rangeRef = useRef(range);
  const yRangeRef = useRef(yRange);
  const [hover, setHover] = useState<number | null>(null);
  markersRef.current = markers;
  rangeRef.current = range;
  yRangeRef.current = yRange;
  const shape = series.map((s) => `${s.label}:${s.color}`).join('|');

  useEffect(() => {
    const element = holder.current;
    if (!element) return undefined;
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      cursor: { y: false, points: { size: 7 }, drag: { x: false, y: false } },
      scales: {
        x: { time: true, range: () => [rangeRef.current[0], rangeRef.current[1]] },
        y: {
          range: (_u, _min, max) => {
            if (yRangeRef.current) return yRangeRef.current;
            const top = max === null || max <= 0 ? 1 : max * 1.15;
            return [0, top];
          },
        },
      },
      axes: [
        {
          stroke: AXIS,
          grid: { stroke: GRID, width: 1 },
          ticks: { stroke: GRID, width: 1 },
          font: '11px system-ui, sans-serif',
          values: (_u, splits) => splits.map((v) => clock.format(new Date(v * 1000))),
        },
        {
          stroke: AXIS,
          grid: { stroke: GRID, width: 1 },
          ticks: { show: false },
          size: 48,
          font: '11px system-ui, sans-serif',
          values: (_u, splits) => splits.map((v) => axisFormat(v)),
        },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          fill: series.length === 1 ? `${s.color}22` : undefined,
          spanGaps: false,
          points: { show: false },
        })),
      ],
      hooks: {
        draw: [(u) => drawMarkers(u, markersRef.current)],
        setCursor: [(u) => setHover(u.cursor.idx ?? null)],
      },
    };
    const chart = new uPlot(options, [[], ...series.map(() => [])] as uPlot.AlignedData, element);
    plot.current = chart;
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(200, element.clientWidth), height: HEIGHT }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // The chart is rebuilt only when its series change shape; data flows in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);

  useEffect(() => {
    plot.current?.setData([x, ...series.map((s) => s.values)] as uPlot.AlignedData, true);
  }, [x, series, range, markers, shape]);

  const index = hover !== null && hover < x.length ? hover : x.length - 1;
  const at = index >= 0 ? new Date(x[index] * 1000) : null;
  return (
    <section
      className="card chart"
      data-testid={`chart-${id}`}
      data-points={x.length}
      data-markers={markers.filter((m) => m.x >= range[0] && m.x <= range[1]).length}
    >
      <header className="chart-head">
        <div>
          <h3>{title}</h3>
          <span className="muted small">{unit}</span>
        </div>
        <div className="chart-values">
          {series.map((s) => (
            <span key={s.label} className="chart-value" data-testid={`chart-${id}-value`}>
              <i style={{ background: s.color }} />
              {(showLabels || series.length > 1) && <span className="muted">{s.label} </span>}
              {format(index >= 0 ? (s.values[index] ?? null) : null)}
            </span>
          ))}
          {at && <span className="muted small">{hover !== null ? at.toLocaleTimeString() : 'latest'}</span>}
        </div>
      </header>
      <div className="chart-canvas" ref={holder} onMouseLeave={() => setHover(null)}>
        {x.length === 0 && <div className="chart-empty muted">{emptyText}</div>}
      </div>
    </section>
  );
}

function drawMarkers(u: uPlot, markers: ChartMarker[]): void {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  ctx.lineWidth = 1.5 * ratio;
  for (const marker of markers) {
    const px = u.valToPos(marker.x, 'x', true);
    if (px < left || px > left + width) continue;
    ctx.strokeStyle = marker.color;
    ctx.fillStyle = marker.color;
    ctx.setLineDash([4 * ratio, 4 * ratio]);
    ctx.beginPath();
    ctx.moveTo(px, top);
    ctx.lineTo(px, top + height);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.moveTo(px - 5 * ratio, top);
    ctx.lineTo(px + 5 * ratio, top);
    ctx.lineTo(px, top + 7 * ratio);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

// `Text(date, style: ...)` as WidgetKit draws it at the moment the entry is shown: `.time`
// ("9:41"), `.date` ("November 21, 2026"), `.relative` ("15 min"), `.offset` ("+15 min") and
// `.timer` ("15:00", counting). Apple's documentation: "Displaying dynamic dates in widgets".

function duration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} hr ${rest} min` : `${hours} hr`;
}

function timer(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

export function dateText(iso: string, style: string, now: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const delta = date.getTime() - (now ? Date.parse(now) : Date.now());
  switch (style) {
    case 'time':
      return date.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
    case 'relative':
      return duration(delta);
    case 'offset':
      return `${delta < 0 ? '-' : '+'}${duration(delta)}`;
    case 'timer':
      return timer(delta);
    default:
      return date.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
  }
}

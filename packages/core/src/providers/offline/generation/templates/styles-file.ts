import type { AppSpec } from '../app-spec.ts';

/** `src/styles.css`: one stylesheet, themed by the app's accent hue, light and dark. */
export function stylesFile(spec: AppSpec): string {
  // The one value spliced into the stylesheet: a number, checked here so no text can ever pass.
  const hue = spec.accentHue;
  if (!Number.isInteger(hue)) throw new Error(`accent hue must be an integer, not ${JSON.stringify(hue)}`);
  return `:root {
  --hue: ${hue};
  --accent: hsl(var(--hue) 70% 45%);
  --accent-soft: hsl(var(--hue) 80% 95%);
  --accent-text: #fff;
  --bg: hsl(var(--hue) 20% 98%);
  --surface: #fff;
  --surface-2: hsl(var(--hue) 15% 96%);
  --border: hsl(var(--hue) 12% 88%);
  --text: hsl(var(--hue) 25% 14%);
  --muted: hsl(var(--hue) 8% 45%);
  --danger: hsl(0 70% 48%);
  --radius: 10px;
  --shadow: 0 1px 2px rgb(0 0 0 / 0.06), 0 4px 16px rgb(0 0 0 / 0.05);
  --tone-0: hsl(210 80% 52%);
  --tone-1: hsl(38 92% 50%);
  --tone-2: hsl(265 60% 58%);
  --tone-3: hsl(150 55% 40%);
  --tone-4: hsl(0 65% 55%);
  --tone-5: hsl(190 60% 42%);
  color-scheme: light dark;
  font-family: Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 15px;
  line-height: 1.45;
  color: var(--text);
  background: var(--bg);
}

@media (prefers-color-scheme: dark) {
  :root {
    --accent: hsl(var(--hue) 75% 62%);
    --accent-soft: hsl(var(--hue) 40% 20%);
    --accent-text: hsl(var(--hue) 40% 10%);
    --bg: hsl(var(--hue) 18% 9%);
    --surface: hsl(var(--hue) 16% 13%);
    --surface-2: hsl(var(--hue) 14% 17%);
    --border: hsl(var(--hue) 12% 24%);
    --text: hsl(var(--hue) 20% 92%);
    --muted: hsl(var(--hue) 10% 64%);
    --shadow: 0 1px 2px rgb(0 0 0 / 0.4);
  }
}

* { box-sizing: border-box; }
body { margin: 0; }
h1, h2, h3, h4 { margin: 0; line-height: 1.2; }
h1 { font-size: 1.5rem; }
h2 { font-size: 1.2rem; margin-bottom: 16px; }
h3 { font-size: 0.95rem; }
.muted { color: var(--muted); }
.small { font-size: 0.82rem; }
.spacer { flex: 1; }

.app { max-width: 1200px; margin: 0 auto; padding: 24px 20px 48px; }
.app-header { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-end; justify-content: space-between; margin-bottom: 20px; }
.app-header p { margin: 4px 0 0; max-width: 60ch; }
.tabs { display: flex; gap: 4px; padding: 4px; background: var(--surface-2); border-radius: 999px; }
.tab { border: 0; background: transparent; color: var(--muted); padding: 6px 14px; border-radius: 999px; font: inherit; cursor: pointer; }
.tab.active { background: var(--surface); color: var(--text); box-shadow: var(--shadow); }

.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 16px; }
.toolbar .search { flex: 1 1 220px; max-width: 340px; }
.count { font-size: 0.85rem; }
input, select, textarea {
  font: inherit; color: inherit; background: var(--surface); border: 1px solid var(--border);
  border-radius: 8px; padding: 8px 10px; min-width: 0;
}
input:focus, select:focus, textarea:focus, button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }

.button { font: inherit; border-radius: 8px; padding: 8px 14px; border: 1px solid transparent; cursor: pointer; }
.button.primary { background: var(--accent); color: var(--accent-text); font-weight: 600; }
.button.ghost { background: transparent; border-color: var(--border); color: var(--text); }
.button.danger { background: transparent; color: var(--danger); border-color: transparent; }
.button.small { padding: 4px 8px; font-size: 0.82rem; }
.button:disabled { opacity: 0.4; cursor: default; }
.link { background: none; border: 0; padding: 0; font: inherit; color: inherit; text-align: left; cursor: pointer; font-weight: 600; }
.link:hover { color: var(--accent); }

.table-wrap { overflow-x: auto; background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); }
table { width: 100%; border-collapse: collapse; }
th, td { padding: 10px 12px; text-align: left; border-bottom: 1px solid var(--border); white-space: nowrap; }
tbody tr:last-child td { border-bottom: 0; }
tbody tr:hover { background: var(--surface-2); }
th { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.sort { background: none; border: 0; font: inherit; color: inherit; text-transform: inherit; letter-spacing: inherit; cursor: pointer; padding: 0; }
.numeric { text-align: right; font-variant-numeric: tabular-nums; }
.row-actions { text-align: right; }

.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 0.78rem; font-weight: 600; }
${[0, 1, 2, 3, 4, 5].map((tone) => `.badge.tone-${tone} { color: var(--tone-${tone}); background: color-mix(in srgb, var(--tone-${tone}) 14%, transparent); }\n.dot.tone-${tone}, .bar.tone-${tone} { background: var(--tone-${tone}); fill: var(--tone-${tone}); }`).join('\n')}

.board { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(230px, 1fr); gap: 12px; overflow-x: auto; padding-bottom: 8px; }
.column { background: var(--surface-2); border-radius: var(--radius); padding: 10px; min-height: 220px; border: 2px dashed transparent; }
.column.drop-target { border-color: var(--accent); }
.column-head { display: flex; align-items: center; gap: 8px; margin-bottom: 10px; }
.column-head h3 { flex: 1; }
.dot { width: 8px; height: 8px; border-radius: 50%; }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 10px; margin-bottom: 8px; box-shadow: var(--shadow); cursor: grab; }
.card p { margin: 4px 0 0; }
.card-actions { display: flex; justify-content: flex-end; gap: 4px; margin-top: 6px; }
.column-empty { text-align: center; padding: 24px 0; }

.calendar-layout { display: grid; grid-template-columns: 1fr 300px; gap: 16px; }
.calendar, .agenda, .panel, .stat { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 14px; box-shadow: var(--shadow); }
.calendar-head { display: flex; align-items: center; justify-content: space-between; margin-bottom: 10px; }
.calendar-grid { display: grid; grid-template-columns: repeat(7, 1fr); gap: 4px; }
.weekday { font-size: 0.75rem; color: var(--muted); text-align: center; padding: 4px 0; }
.day { min-height: 84px; border-radius: 6px; background: var(--surface-2); padding: 4px; display: flex; flex-direction: column; gap: 2px; overflow: hidden; }
.day.blank { background: transparent; }
.day.today { outline: 2px solid var(--accent); }
.day-number { font-size: 0.75rem; color: var(--muted); }
.chip { font: inherit; font-size: 0.72rem; text-align: left; border: 0; border-radius: 4px; padding: 2px 4px; background: var(--accent-soft); color: var(--text); cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.agenda h3 { margin-bottom: 10px; }
.agenda-day h4 { font-size: 0.8rem; color: var(--muted); margin: 12px 0 6px; }
.agenda-item { display: flex; width: 100%; justify-content: space-between; gap: 8px; align-items: center; font: inherit; text-align: left; background: none; border: 0; border-bottom: 1px solid var(--border); padding: 6px 0; color: inherit; cursor: pointer; }

.dashboard { display: grid; gap: 16px; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; }
.stat { display: flex; flex-direction: column; gap: 4px; }
.stat strong { font-size: 1.7rem; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
.panel h3 { margin-bottom: 12px; }
.bar-chart { width: 100%; max-height: 220px; }
.bar-value { font-size: 12px; fill: var(--text); }
.bar-label { font-size: 11px; fill: var(--muted); }
.meter-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.meter-list li { display: grid; grid-template-columns: 120px 1fr 32px; gap: 8px; align-items: center; font-size: 0.88rem; }
.meter { height: 8px; border-radius: 999px; background: var(--surface-2); overflow: hidden; }
.meter span { display: block; height: 100%; background: var(--accent); border-radius: inherit; }

.empty { text-align: center; padding: 48px 16px; background: var(--surface); border: 1px dashed var(--border); border-radius: var(--radius); }
.empty p { margin: 4px 0; }
.empty-icon { font-size: 2rem; color: var(--accent); }

.overlay { position: fixed; inset: 0; background: rgb(0 0 0 / 0.4); display: grid; place-items: center; padding: 16px; z-index: 10; }
.dialog { width: min(620px, 100%); max-height: 90vh; overflow-y: auto; background: var(--surface); border-radius: 14px; padding: 22px; box-shadow: 0 20px 60px rgb(0 0 0 / 0.3); }
.form-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.field { display: flex; flex-direction: column; gap: 4px; font-size: 0.85rem; font-weight: 600; }
.field em { color: var(--danger); font-style: normal; }
.field.wide { grid-column: 1 / -1; }
.field input, .field select, .field textarea { font-weight: 400; }
.error { color: var(--danger); margin: 12px 0 0; }
.dialog-actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 18px; }

@media (max-width: 720px) {
  .calendar-layout, .form-grid { grid-template-columns: 1fr; }
  .app { padding: 16px 12px 32px; }
  .day { min-height: 56px; }
  .chip { display: none; }
}
`;
}

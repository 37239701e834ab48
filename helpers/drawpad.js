// The drawing pad of 07_draw_a_digit, an anywidget front end: no build step, no imports.
//
// A 280 x 280 canvas takes pointer events (mouse, pen, finger) and keys. Each finished stroke
// is appended to the synced trait `strokes`: a list of strokes, each a list of [x, y] points
// in canvas pixels. Undo and Clear change the trait too; a new value from Python (an example
// loaded) redraws the canvas. With the model (traits `W`, `b`, float32 bytes) the pad also
// reads the drawing itself, here in the browser, so it works on a static page with no
// kernel: readDrawing below is helpers.drawing's read_drawing step for step (the pen of
// helpers/drawpad_pen.py, then to_mnist, whose resizing is Pillow's BOX filter). Its words come
// from Python in the trait `texts` (the series' message catalogs, in the learner's language).

export const CANVAS = 280; // helpers.drawing.CANVAS
export const PEN_WIDTH = 20; // helpers.drawing.PEN_WIDTH
const SUPERSAMPLE = 4; // sample points per canvas pixel, along each axis
const RADIUS = PEN_WIDTH / 2;
const SAMPLES = CANVAS * SUPERSAMPLE;
const SIDE = 28; // an MNIST image is SIDE x SIDE
const BOX = 20; // the ink's longer side is scaled to BOX pixels
const CENTRE = 14; // where the centre of mass goes, pixel centres counted from 0
const MIN_STEP = 2; // a new point is kept once it is this many canvas pixels from the last
const ZOOM = 6; // each of the 28 x 28 pixels is shown as ZOOM x ZOOM screen pixels

// The pen: the same floating-point operations, in the same order, as helpers/drawpad_pen.py.

function disc(px, py, c, span) {
  const h = c - py;
  const q = RADIUS * RADIUS - h * h;
  if (q >= 0) {
    const s = Math.sqrt(q);
    span[0] = Math.min(span[0], px - s);
    span[1] = Math.max(span[1], px + s);
  }
}

function band(x0, y0, x1, y1, c, span) {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const length2 = dx * dx + dy * dy;
  if (!(length2 > 0)) return;
  const h = c - y0;
  const hd = h * dy;
  const rl = RADIUS * Math.sqrt(length2);
  let lo = -Infinity;
  let hi = Infinity;
  if (dx !== 0) {
    const a = -hd / dx;
    const b = (length2 - hd) / dx;
    lo = Math.max(lo, Math.min(a, b));
    hi = Math.min(hi, Math.max(a, b));
  } else if (!(hd >= 0 && hd <= length2)) return;
  const dxh = dx * h;
  if (dy !== 0) {
    const a = (dxh - rl) / dy;
    const b = (dxh + rl) / dy;
    lo = Math.max(lo, Math.min(a, b));
    hi = Math.min(hi, Math.max(a, b));
  } else if (!(Math.abs(dxh) <= rl)) return;
  if (!(lo <= hi)) return;
  span[0] = Math.min(span[0], x0 + lo);
  span[1] = Math.max(span[1], x0 + hi);
}

function inkSegment(sheet, x0, y0, x1, y1) {
  const top = Math.max(Math.ceil(SUPERSAMPLE * (Math.min(y0, y1) - RADIUS) - 0.5), 0);
  const bottom = Math.min(Math.floor(SUPERSAMPLE * (Math.max(y0, y1) + RADIUS) - 0.5), SAMPLES - 1);
  const span = [Infinity, -Infinity];
  for (let row = top; row <= bottom; row++) {
    const c = (row + 0.5) / SUPERSAMPLE;
    span[0] = Infinity;
    span[1] = -Infinity;
    disc(x0, y0, c, span);
    disc(x1, y1, c, span);
    band(x0, y0, x1, y1, c, span);
    const first = Math.max(Math.ceil(SUPERSAMPLE * span[0] - 0.5), 0);
    const last = Math.min(Math.floor(SUPERSAMPLE * span[1] - 0.5), SAMPLES - 1);
    if (!(first <= last)) continue;
    sheet.samples.fill(1, row * SAMPLES + first, row * SAMPLES + last + 1);
    const box = sheet.box;
    [box[0], box[1]] = [Math.min(box[0], row), Math.max(box[1], row)];
    [box[2], box[3]] = [Math.min(box[2], first), Math.max(box[3], last)];
  }
}

function blankSheet() {
  // Sample points, and the box of those inked: first row, last row, first column, last column.
  return {
    samples: new Uint8Array(SAMPLES * SAMPLES),
    box: [SAMPLES, -1, SAMPLES, -1],
    strokes: [],
  };
}

function inkStrokes(sheet, strokes) {
  for (const points of strokes) {
    if (points.length === 1) inkSegment(sheet, ...points[0], ...points[0]);
    for (let i = 1; i < points.length; i++) inkSegment(sheet, ...points[i - 1], ...points[i]);
  }
}

// to_mnist: the ink's box scaled into 20 x 20 (Pillow's BOX filter in float32), centred by mass.

function coefficients(inSize, outSize) {
  // Pillow's precompute_coeffs for the BOX filter: each output pixel averages the input
  // pixels whose centres fall inside it.
  const scale = inSize / outSize;
  const filterscale = Math.max(scale, 1);
  const support = 0.5 * filterscale;
  const ss = 1 / filterscale;
  const result = [];
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    const k = new Float64Array(Math.max(xmax, 0));
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      const t = (x + xmin - center + 0.5) * ss;
      k[x] = t > -0.5 && t <= 0.5 ? 1 : 0;
      ww += k[x];
    }
    if (ww !== 0) for (let x = 0; x < xmax; x++) k[x] /= ww;
    result.push([xmin, k]);
  }
  return result;
}

function resample(pixels, width, height, outWidth, outHeight) {
  // Pillow's two passes, each summed in double and stored as float32: rows, then columns.
  const across = coefficients(width, outWidth);
  const wide = new Float32Array(outWidth * height);
  for (let y = 0; y < height; y++) {
    across.forEach(([xmin, k], xx) => {
      let s = 0;
      for (let x = 0; x < k.length; x++) s += pixels[y * width + xmin + x] * k[x];
      wide[y * outWidth + xx] = s;
    });
  }
  const down = coefficients(height, outHeight);
  const out = new Float32Array(outWidth * outHeight);
  down.forEach(([ymin, k], yy) => {
    for (let xx = 0; xx < outWidth; xx++) {
      let s = 0;
      for (let y = 0; y < k.length; y++) s += wide[(ymin + y) * outWidth + xx] * k[y];
      out[yy * outWidth + xx] = Math.min(Math.max(s, 0), 1);
    }
  });
  return out;
}

function roundHalfEven(v) {
  // Python's round(): a half goes to the even neighbour.
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function shift(centre, size) {
  return Math.min(Math.max(Math.floor(CENTRE - centre + 0.5), 0), SIDE - size);
}

function inkBox(sheet) {
  // The canvas pixels of the ink's box, each the share of its sample points inked.
  const [top, bottom, left, right] = sheet.box.map((v) => Math.floor(v / SUPERSAMPLE));
  const height = bottom - top + 1;
  const width = right - left + 1;
  const counts = new Uint8Array(width * height);
  for (let sy = top * SUPERSAMPLE; sy < (bottom + 1) * SUPERSAMPLE; sy++) {
    const row = (Math.floor(sy / SUPERSAMPLE) - top) * width;
    let i = sy * SAMPLES + left * SUPERSAMPLE;
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < SUPERSAMPLE; k++) counts[row + x] += sheet.samples[i++];
    }
  }
  const pixels = new Float32Array(width * height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = counts[i] / (SUPERSAMPLE * SUPERSAMPLE);
  return { pixels, width, height };
}

function toMnist(sheet) {
  if (sheet.box[1] < 0) return null; // blank
  const { pixels, width, height } = inkBox(sheet);
  const scale = BOX / Math.max(height, width);
  const w = Math.max(1, roundHalfEven(width * scale));
  const h = Math.max(1, roundHalfEven(height * scale));
  const box = resample(pixels, width, height, w, h);
  let mass = 0;
  let rows = 0;
  let cols = 0;
  box.forEach((v, i) => {
    mass += v;
    rows += v * Math.floor(i / w);
    cols += v * (i % w);
  });
  if (!(mass > 0)) return null;
  const top = shift(rows / mass, h);
  const left = shift(cols / mass, w);
  const image = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < h; y++) image.set(box.subarray(y * w, (y + 1) * w), (top + y) * SIDE + left);
  return image;
}

function sameStroke(a, b) {
  return a.length === b.length && a.every((p, i) => p[0] === b[i][0] && p[1] === b[i][1]);
}

function sameDrawing(a, b) {
  return a.length === b.length && a.every((stroke, i) => sameStroke(stroke, b[i]));
}

/** Ink strokes on sheet (a reader's memory), redrawing only what was added since last time. */
export function canvasFor(sheet, strokes) {
  const kept =
    strokes.length >= sheet.strokes.length &&
    sheet.strokes.every((s, i) => sameStroke(s, strokes[i]));
  if (!kept) Object.assign(sheet, blankSheet());
  inkStrokes(sheet, strokes.slice(sheet.strokes.length));
  sheet.strokes = strokes.slice();
  return sheet;
}

/** The reading of strokes: { image (784), probabilities (10), predicted }; null if blank. */
export function readDrawing(strokes, W, b, sheet = blankSheet()) {
  const image = toMnist(canvasFor(sheet, strokes));
  if (image === null) return null;
  const z = Array.from(b, Number);
  for (let j = 0; j < SIDE * SIDE; j++) {
    if (image[j] === 0) continue;
    for (let k = 0; k < 10; k++) z[k] += image[j] * W[j * 10 + k];
  }
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const total = e.reduce((s, v) => s + v, 0);
  const probabilities = e.map((v) => v / total);
  return { image, probabilities, predicted: probabilities.indexOf(Math.max(...probabilities)) };
}

export { blankSheet };

// The widget.

function floats(value) {
  // Bytes arrive as a DataView (kernel or stored state) or an ArrayBuffer: copy them aligned.
  if (!value || !value.byteLength) return null;
  const bytes = value.buffer
    ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    : new Uint8Array(value);
  return new Float32Array(bytes.slice().buffer);
}

function element(tag, className, text = "") {
  const e = document.createElement(tag);
  e.className = className;
  e.textContent = text;
  return e;
}

function wording(model) {
  // text(key, fields): the sentence `key` of the trait `texts`, each {name} in it filled.
  return (key, fields = {}) => {
    const sentence = (model.get("texts") || {})[key];
    if (sentence === undefined) return key;
    return sentence.replace(/\{(\w+)\}/g, (whole, name) =>
      name in fields ? String(fields[name]) : whole,
    );
  };
}

function button(label, title) {
  const b = element("button", "drawpad-button jupyter-button", label);
  b.type = "button";
  b.title = title;
  return b;
}

function column(title, ...children) {
  const box = element("div", "drawpad-column");
  const heading = element("div", "drawpad-title");
  heading.innerHTML = title;
  box.append(heading, ...children);
  return box;
}

const WARM_UP = [1, 2, 3, 4, 5].map((i) => [
  [
    [60 + 10 * i, 60],
    [220 - 10 * i, 140],
    [60 + 10 * i, 220],
  ],
]);

function readingPanel(row, text) {
  const seen = element("canvas", "drawpad-seen");
  seen.width = seen.height = SIDE;
  seen.setAttribute("role", "img");
  seen.setAttribute("aria-label", text("seen_label"));
  Object.assign(seen.style, {
    width: `${SIDE * ZOOM}px`,
    height: `${SIDE * ZOOM}px`,
    imageRendering: "pixelated",
    border: "1px solid #ccc",
  });
  const verdict = element("div", "drawpad-verdict");
  verdict.setAttribute("aria-live", "polite"); // a screen reader says each new reading
  verdict.style.fontWeight = "bold";
  const bars = element("div", "drawpad-bars");
  const reading = element("div", "drawpad-reading");
  reading.append(verdict, bars);
  row.append(column(text("seen_title"), seen), column(text("probabilities_title"), reading));
  return { seen, verdict, bars, reading, text };
}

function showReading(panel, result, strokes) {
  const { seen, verdict, bars, reading, text } = panel;
  for (const name of Object.keys(reading.dataset)) delete reading.dataset[name];
  Object.assign(reading.dataset, { strokes: String(strokes), blank: String(result === null) });
  const context = seen.getContext("2d");
  const pixels = context.createImageData(SIDE, SIDE);
  if (result === null) {
    verdict.textContent = text("pad_blank");
    bars.replaceChildren();
    context.clearRect(0, 0, SIDE, SIDE);
    seen.style.visibility = "hidden";
    return;
  }
  result.image.forEach((v, i) => {
    pixels.data.fill(Math.round(255 * (1 - v)), 4 * i, 4 * i + 3);
    pixels.data[4 * i + 3] = 255;
  });
  context.putImageData(pixels, 0, 0);
  seen.style.visibility = "visible";
  const p = result.probabilities;
  reading.dataset.predicted = String(result.predicted);
  p.forEach((v, k) => (reading.dataset[`p${k}`] = String(v)));
  const probability = p[result.predicted].toFixed(2);
  verdict.textContent = text("verdict", { predicted: result.predicted, probability });
  bars.replaceChildren(
    ...p.map((v, k) => {
      const row = element("div", "drawpad-bar");
      Object.assign(row.style, {
        display: "flex",
        alignItems: "center",
        gap: "6px",
        height: "17px",
      });
      const bar = element("span", "");
      const colour = k === result.predicted ? "#ff7f0e" : "#b0b0b0";
      Object.assign(bar.style, {
        display: "inline-block",
        height: "12px",
        width: `${(v * 150).toFixed(1)}px`,
        background: colour,
      });
      row.append(
        element("span", "", String(k)),
        bar,
        element("span", "", `${(100 * v).toFixed(1)}%`),
      );
      return row;
    }),
  );
}

function drawingCanvas(text) {
  // CSS size 280 x 280; backing store scaled for sharp lines on high-density screens.
  const canvas = element("canvas", "drawpad-canvas");
  canvas.tabIndex = 0;
  canvas.setAttribute("role", "application");
  canvas.setAttribute("aria-label", text("pad_label"));
  canvas.dataset.lmSuppressShortcuts = "true"; // JupyterLab: keys drawn here are not commands
  const ratio = window.devicePixelRatio || 1;
  canvas.width = canvas.height = Math.round(CANVAS * ratio);
  Object.assign(canvas.style, {
    width: `${CANVAS}px`,
    height: `${CANVAS}px`,
    maxWidth: "100%",
    touchAction: "none", // a finger draws instead of scrolling or zooming the page
    userSelect: "none",
    border: "1px solid #888",
    borderRadius: "4px",
    background: "white",
    cursor: "crosshair",
    display: "block",
  });
  canvas.getContext("2d").scale(ratio, ratio);
  return canvas;
}

const ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

class Pad {
  constructor(model, el) {
    this.model = model;
    this.el = el;
    this.text = wording(model);
    this.canvas = drawingCanvas(this.text);
    this.context = this.canvas.getContext("2d");
    this.strokes = []; // the strokes shown, as last sent or received
    this.current = null; // the stroke being drawn
    this.pointer = null; // the pointer drawing it: other fingers are ignored meanwhile
    this.cursor = null; // the keyboard's pen position, once a key has moved it
    this.layOut();
    this.W = floats(model.get("W"));
    this.b = floats(model.get("b"));
    this.panel = this.W && this.b ? readingPanel(this.row, this.text) : null;
    this.sheet = blankSheet();
    this.listen();
    this.show(model.get("strokes") || []);
  }

  layOut() {
    this.el.classList.add("drawpad");
    // A row of its own: the widget's element may be laid out as a column by its container.
    this.row = element("div", "drawpad-row");
    const style = { display: "flex", flexFlow: "row wrap", gap: "12px", alignItems: "flex-start" };
    Object.assign(this.row.style, style);
    this.el.append(this.row);
    const text = this.text;
    this.undo = button(text("undo"), text("undo_title"));
    this.clear = button(text("clear"), text("clear_title"));
    const buttons = element("div", "drawpad-buttons");
    Object.assign(buttons.style, { display: "flex", gap: "6px", marginTop: "6px" });
    buttons.append(this.undo, this.clear);
    const help = element("div", "drawpad-help", text("help"));
    help.id = `drawpad-help-${Math.random().toString(36).slice(2)}`;
    Object.assign(help.style, { maxWidth: `${CANVAS}px`, fontSize: "85%", color: "#555" });
    this.canvas.setAttribute("aria-describedby", help.id);
    this.row.append(column(text("draw_title"), this.canvas, buttons, help));
  }

  listen() {
    const events = {
      pointerdown: this.down,
      pointermove: this.move,
      pointerup: this.up,
      pointercancel: this.up,
      keydown: this.key,
      focus: this.redraw, // the keyboard's pen shows while the pad has the focus
      blur: this.redraw,
    };
    for (const [name, handler] of Object.entries(events)) {
      this.canvas.addEventListener(name, handler.bind(this));
    }
    this.undo.addEventListener("click", () => this.send(this.strokes.slice(0, -1)));
    this.clear.addEventListener("click", () => this.send([]));
    this.onChange = this.received.bind(this);
    this.model.on("change:strokes", this.onChange);
    // Read a few drawings once, off the stroke's path: the browser then has the reader
    // compiled before the first real stroke, which would otherwise wait for it.
    if (this.panel) setTimeout(() => WARM_UP.forEach((s) => readDrawing(s, this.W, this.b)), 0);
  }

  ink(points) {
    const context = this.context;
    context.beginPath();
    context.moveTo(points[0][0], points[0][1]);
    // One point (a tap) draws a dot: a zero-length line with round caps.
    for (const [x, y] of points.length > 1 ? points.slice(1) : points) context.lineTo(x, y);
    context.stroke();
  }

  redraw() {
    const context = this.context;
    context.clearRect(0, 0, CANVAS, CANVAS);
    const pen = { lineWidth: PEN_WIDTH, lineCap: "round", lineJoin: "round" };
    Object.assign(context, pen, { strokeStyle: "black" });
    for (const points of this.strokes) this.ink(points);
    if (this.current) this.ink(this.current);
    if (this.cursor && document.activeElement === this.canvas) {
      // The keyboard's pen: blue when lifted, orange when drawing.
      Object.assign(context, { lineWidth: 2, strokeStyle: this.current ? "#ff7f0e" : "#1f77b4" });
      context.beginPath();
      context.arc(this.cursor[0], this.cursor[1], RADIUS, 0, 2 * Math.PI);
      context.stroke();
    }
    this.el.dataset.strokes = String(this.strokes.length);
  }

  read() {
    if (!this.panel) return;
    const reading = readDrawing(this.strokes, this.W, this.b, this.sheet);
    showReading(this.panel, reading, this.strokes.length);
  }

  send(next) {
    this.strokes = next;
    this.redraw();
    this.read();
    this.model.set(
      "strokes",
      next.map((points) => points.map((p) => [...p])),
    );
    this.model.save_changes();
  }

  point(event) {
    // Canvas pixels, whatever size CSS gives the canvas; held inside it.
    const box = this.canvas.getBoundingClientRect();
    const clamp = (v) => Math.min(CANVAS, Math.max(0, Math.round(v * 10) / 10));
    return [
      clamp(((event.clientX - box.left) * CANVAS) / box.width),
      clamp(((event.clientY - box.top) * CANVAS) / box.height),
    ];
  }

  down(event) {
    if (this.pointer !== null || (event.pointerType === "mouse" && event.button !== 0)) return;
    event.preventDefault();
    this.pointer = event.pointerId;
    this.el.dataset.pointer = event.pointerType; // "mouse", "pen" or "touch": what drew last
    this.canvas.setPointerCapture(event.pointerId); // keep the stroke when the pointer leaves
    this.current = [this.point(event)];
    this.redraw();
  }

  move(event) {
    if (event.pointerId !== this.pointer) return;
    event.preventDefault();
    // Coalesced events: every position the pointer passed since the last frame.
    const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
    for (const e of events.length ? events : [event]) {
      const p = this.point(e);
      const last = this.current[this.current.length - 1];
      if (Math.hypot(p[0] - last[0], p[1] - last[1]) >= MIN_STEP) this.current.push(p);
    }
    this.redraw();
  }

  up(event) {
    if (event.pointerId !== this.pointer) return;
    event.preventDefault();
    const p = this.point(event);
    const last = this.current[this.current.length - 1];
    if (p[0] !== last[0] || p[1] !== last[1]) this.current.push(p);
    this.pointer = null;
    const captured = this.canvas.hasPointerCapture(event.pointerId);
    if (captured) this.canvas.releasePointerCapture(event.pointerId);
    this.finish();
  }

  finish() {
    const finished = this.current;
    this.current = null;
    this.send([...this.strokes, finished]);
  }

  key(event) {
    // Arrows move the pen (Shift: by MIN_STEP), Space puts it down or lifts it, Escape drops
    // the stroke being drawn.
    if (this.pointer !== null || event.altKey || event.ctrlKey || event.metaKey) return;
    const arrow = ARROWS[event.key];
    if (!arrow && event.key !== " " && event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation(); // not a notebook's shortcut
    this.el.dataset.pointer = "keyboard";
    const cursor = this.cursor || [CANVAS / 2, CANVAS / 2];
    if (arrow) {
      const step = event.shiftKey ? MIN_STEP : 10;
      this.cursor = cursor.map((v, i) => Math.min(CANVAS, Math.max(0, v + step * arrow[i])));
      if (this.current) this.current.push([...this.cursor]);
    } else if (event.key === "Escape") this.current = null;
    else if (this.current) return this.finish();
    else [this.cursor, this.current] = [cursor, [[...cursor]]];
    this.redraw();
  }

  received() {
    // A change from Python (an example loaded, a refused drawing put back); the pad's own
    // change comes back here too, and is already shown.
    const strokes = this.model.get("strokes") || [];
    if (!sameDrawing(strokes, this.strokes)) this.show(strokes);
  }

  show(strokes) {
    this.strokes = strokes.map((points) => points.map((p) => [...p]));
    this.redraw();
    this.read();
  }

  close() {
    this.model.off("change:strokes", this.onChange);
  }
}

function render({ model, el }) {
  const pad = new Pad(model, el);
  return () => pad.close();
}

export default { render };

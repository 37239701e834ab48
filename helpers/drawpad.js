// The drawing pad of 07_draw_a_digit, an anywidget front end: no build step, no imports.
//
// A 280 x 280 canvas takes pointer events, so a mouse, a pen and a finger all draw.
// Each finished stroke (pointerup) is appended to the synced trait `strokes`: a list of
// strokes, each a list of [x, y] points in canvas pixels. Undo and Clear change the
// trait too; a new value from Python (an example loaded) redraws the canvas.

const SIZE = 280; // canvas pixels, as helpers.drawing.CANVAS
const PEN_WIDTH = 20; // as helpers.drawing.PEN_WIDTH
const MIN_STEP = 2; // a new point is kept once it is this many canvas pixels from the last

function button(label, title) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.title = title;
  b.className = "drawpad-button jupyter-button";
  return b;
}

function render({ model, el }) {
  el.classList.add("drawpad");
  const canvas = document.createElement("canvas");
  canvas.className = "drawpad-canvas";
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", "Drawing pad: draw a digit here");
  // CSS size 280 x 280; backing store scaled for sharp lines on high-density screens.
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(SIZE * ratio);
  canvas.height = Math.round(SIZE * ratio);
  Object.assign(canvas.style, {
    width: `${SIZE}px`,
    height: `${SIZE}px`,
    maxWidth: "100%",
    touchAction: "none", // a finger draws instead of scrolling or zooming the page
    userSelect: "none",
    border: "1px solid #888",
    borderRadius: "4px",
    background: "white",
    cursor: "crosshair",
    display: "block",
  });
  const context = canvas.getContext("2d");
  context.scale(ratio, ratio);

  const undo = button("Undo", "Remove the last stroke");
  const clear = button("Clear", "Remove every stroke");
  const bar = document.createElement("div");
  bar.className = "drawpad-buttons";
  Object.assign(bar.style, { display: "flex", gap: "6px", marginTop: "6px" });
  bar.append(undo, clear);
  el.append(canvas, bar);

  let strokes = []; // the strokes shown, as last sent or received
  let current = null; // the stroke being drawn
  let pointer = null; // the pointer drawing it: other fingers are ignored meanwhile

  function ink(points) {
    context.beginPath();
    context.moveTo(points[0][0], points[0][1]);
    // One point (a tap) draws a dot: a zero-length line with round caps.
    for (const [x, y] of points.length > 1 ? points.slice(1) : points) context.lineTo(x, y);
    context.stroke();
  }

  function redraw() {
    context.clearRect(0, 0, SIZE, SIZE);
    Object.assign(context, {
      lineWidth: PEN_WIDTH,
      lineCap: "round",
      lineJoin: "round",
      strokeStyle: "black",
    });
    for (const points of strokes) ink(points);
    if (current) ink(current);
    el.dataset.strokes = String(strokes.length);
  }

  function send(next) {
    strokes = next;
    redraw();
    model.set("strokes", strokes.map((points) => points.map((p) => [...p])));
    model.save_changes();
  }

  function point(event) {
    // Canvas pixels, whatever size CSS gives the canvas; held inside it.
    const box = canvas.getBoundingClientRect();
    const clamp = (v) => Math.min(SIZE, Math.max(0, Math.round(v * 10) / 10));
    return [
      clamp(((event.clientX - box.left) * SIZE) / box.width),
      clamp(((event.clientY - box.top) * SIZE) / box.height),
    ];
  }

  function down(event) {
    if (pointer !== null || (event.pointerType === "mouse" && event.button !== 0)) return;
    event.preventDefault();
    pointer = event.pointerId;
    el.dataset.pointer = event.pointerType; // "mouse", "pen" or "touch": what drew last
    canvas.setPointerCapture(event.pointerId); // keep the stroke when the pointer leaves
    current = [point(event)];
    redraw();
  }

  function move(event) {
    if (event.pointerId !== pointer) return;
    event.preventDefault();
    // Coalesced events: every position the pointer passed since the last frame.
    const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
    for (const e of events.length ? events : [event]) {
      const p = point(e);
      const last = current[current.length - 1];
      if (Math.hypot(p[0] - last[0], p[1] - last[1]) >= MIN_STEP) current.push(p);
    }
    redraw();
  }

  function up(event) {
    if (event.pointerId !== pointer) return;
    event.preventDefault();
    const p = point(event);
    const last = current[current.length - 1];
    if (p[0] !== last[0] || p[1] !== last[1]) current.push(p);
    const finished = current;
    current = null;
    pointer = null;
    if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
    send([...strokes, finished]);
  }

  function received() {
    strokes = (model.get("strokes") || []).map((points) => points.map((p) => [...p]));
    redraw();
  }

  canvas.addEventListener("pointerdown", down);
  canvas.addEventListener("pointermove", move);
  canvas.addEventListener("pointerup", up);
  canvas.addEventListener("pointercancel", up);
  undo.addEventListener("click", () => send(strokes.slice(0, -1)));
  clear.addEventListener("click", () => send([]));
  model.on("change:strokes", received);
  received();
  return () => model.off("change:strokes", received);
}

export default { render };

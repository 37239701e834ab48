// The explorer of 06_watching_training, drawn in the browser: an anywidget front end with no
// build step and no imports.
//
// Part "figure": a readout line and a canvas. The data (helpers/explorer_view.py) holds the
// figure without its moving parts as a PNG, every snapshot's ten maps (8-bit, per-frame
// scale, frame-to-frame differences, zlib) and where matplotlib puts the maps, the colour
// bar's numbers and the step markers. A change of `index` (jslinked to the slider) or
// `scale` (jslinked to the scale buttons) redraws the canvas here: no kernel involved.
// Part "note": the sentence that explains the chosen colour scale.
// The words come from Python in the trait `texts` (the series' message catalogs, in the
// learner's language); the readouts and notes come in `data`, worded there too.

function bytesOf(base64) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

async function inflate(base64) {
  const compressed = new Blob([bytesOf(base64)]).stream();
  const stream = compressed.pipeThrough(new DecompressionStream("deflate")); // zlib's format
  return new Int8Array(await new Response(stream).arrayBuffer());
}

async function unpack(data) {
  // Sums of the frame-to-frame differences, wrapping as int8 did in Python.
  const maps = await inflate(data.maps);
  const size = 10 * 784;
  for (let i = size; i < maps.length; i++) maps[i] = maps[i] + maps[i - size];
  const background = new Image();
  background.src = `data:image/png;base64,${data.background}`;
  await background.decode();
  const small = document.createElement("canvas"); // the tiles at one pixel per weight
  small.width = data.tiles.cols;
  small.height = data.tiles.rows;
  return { maps, background, small, lut: bytesOf(data.lut) };
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

// A number as matplotlib's f"+{peak:.3f}" / f"−{peak:.3f}" (a true minus sign).
const signed = (sign, value) => `${sign}${value.toFixed(3)}`;

function drawTiles(context, data, unpacked, index, peak) {
  const { rows, cols, gap, title_rows: titleRows, box } = data.tiles;
  const tiles = new ImageData(cols, rows); // transparent: the gaps show the titles behind
  const scale = data.peaks[index] / data.levels / peak; // a level as a fraction of the scale
  const first = index * 10 * 784;
  for (let digit = 0; digit < 10; digit++) {
    const top = titleRows + Math.floor(digit / 5) * (titleRows + 28);
    const left = (digit % 5) * (28 + gap);
    for (let p = 0; p < 784; p++) {
      // matplotlib: Normalize(-peak, peak), then a 256-colour table, truncating.
      const unit = (unpacked.maps[first + digit * 784 + p] * scale + 1) / 2;
      const entry = Math.min(255, Math.max(0, Math.floor(unit * 256)));
      const at = 4 * ((top + Math.floor(p / 28)) * cols + left + (p % 28));
      tiles.data.set(unpacked.lut.subarray(3 * entry, 3 * entry + 3), at);
      tiles.data[at + 3] = 255;
    }
  }
  unpacked.small.getContext("2d").putImageData(tiles, 0, 0);
  context.imageSmoothingEnabled = false; // interpolation="nearest"
  context.drawImage(unpacked.small, box[0], box[1], box[2], box[3]);
}

function drawLabels(context, data, texts) {
  context.fillStyle = "black";
  data.labels.forEach((label, i) => {
    context.font = `${label.px}px "DejaVu Sans", "Bitstream Vera Sans", sans-serif`;
    context.textAlign = { left: "left", center: "center", right: "right" }[label.ha];
    const lines = texts[i].split("\n");
    const lineHeight = 1.2 * label.px;
    const top = label.va === "top" ? label.y : label.y - lines.length * lineHeight;
    context.textBaseline = "top";
    lines.forEach((line, k) => context.fillText(line, label.x, top + k * lineHeight));
  });
}

function drawMarkers(context, data, index) {
  const { color, line_px: lineWidth, dot_px: radius } = data.marker;
  for (const curve of data.curves) {
    const [left, top, width, height] = curve.box;
    const x = curve.x[index];
    context.save();
    context.beginPath();
    context.rect(left, top, width, height);
    context.clip(); // as matplotlib clips to the axes
    context.strokeStyle = color;
    context.fillStyle = color;
    context.lineWidth = lineWidth;
    context.beginPath();
    context.moveTo(x, top);
    context.lineTo(x, top + height);
    context.stroke();
    context.beginPath();
    context.arc(x, curve.y[index], radius, 0, 2 * Math.PI);
    context.fill();
    context.restore();
  }
}

function describe(text, data, index, perFrame) {
  return text(perFrame ? "figure_label_frame" : "figure_label_fixed", {
    step: data.steps[index],
    steps: data.total_steps,
    snapshot: index + 1,
    snapshots: data.steps.length,
    readout: data.readouts[index],
  });
}

function renderFigure(model, el) {
  const data = model.get("data");
  const text = wording(model);
  el.classList.add("explorer-view");
  const readout = document.createElement("div");
  readout.className = "explorer-readout";
  readout.setAttribute("aria-live", "polite"); // a screen reader says each new snapshot
  readout.setAttribute("aria-atomic", "true");
  Object.assign(readout.style, { margin: "4px 0", fontSize: "var(--jp-content-font-size1, 14px)" });
  const canvas = document.createElement("canvas");
  canvas.className = "explorer-canvas";
  canvas.width = data.width;
  canvas.height = data.height;
  canvas.setAttribute("role", "img");
  Object.assign(canvas.style, { maxWidth: "100%", height: "auto", display: "block" });
  el.append(readout, canvas);
  const context = canvas.getContext("2d");
  let unpacked = null;

  function draw() {
    const n = data.steps.length;
    const index = Math.min(n - 1, Math.max(0, model.get("index")));
    // Step 0 is all zeros: no frame peak to rescale to, so it keeps the run's scale.
    const perFrame = model.get("scale") === 1 && data.peaks[index] > 0;
    const peak = perFrame ? data.peaks[index] : data.run_peak;
    const bold = document.createElement("b");
    bold.textContent = data.readouts[index];
    readout.replaceChildren(bold, text("snapshot_of", { snapshot: index + 1, snapshots: n }));
    if (unpacked === null) return; // drawn once the data is unpacked
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(unpacked.background, 0, 0);
    drawTiles(context, data, unpacked, index, peak);
    const where = text(perFrame ? "scale_label_frame" : "scale_label_run");
    drawLabels(context, data, [signed("+", peak), signed("\u2212", peak), where]);
    drawMarkers(context, data, index);
    canvas.dataset.index = String(index);
    canvas.setAttribute("aria-label", describe(text, data, index, perFrame));
  }

  model.on("change:index", draw);
  model.on("change:scale", draw);
  draw();
  unpack(data).then((result) => {
    unpacked = result;
    draw();
  });
  return () => {
    model.off("change:index", draw);
    model.off("change:scale", draw);
  };
}

function renderNote(model, el) {
  const note = document.createElement("i");
  note.className = "explorer-note";
  el.append(note);
  const show = () => {
    note.textContent = model.get("data").notes[model.get("scale")] || "";
  };
  model.on("change:scale", show);
  show();
  return () => model.off("change:scale", show);
}

function render({ model, el }) {
  return model.get("part") === "note" ? renderNote(model, el) : renderFigure(model, el);
}

export default { render };

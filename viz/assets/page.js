/* kg exploration page. Reads the JSON written by viz/page.py and draws it with vis-network.
 * Every string from a report goes into the DOM through textContent (never innerHTML);
 * vis draws node labels on a canvas. The filter rules mirror viz/page.py. */
(function () {
  "use strict";
  var T = { start: performance.now() };           // timings (ms from navigation start), see kgPage.timing
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  T.parsed = performance.now();

  // one legend with the marked reports (viz/style.py): type → {shape, glyph, color, zh}, kind → [zh, color], relation → [zh, color]
  var TYPES = DATA.style.types, KINDS = DATA.style.kinds, RELS = DATA.style.rels;
  var DOCLINKS = DATA.doclinks || {};
  // items built by pyvis (viz/page.py build_network) carry vis options and kg's fields; a Network
  // restyled or extended in a notebook may lack the kg fields, so fill them from the vis ones
  DATA.nodes.forEach(function (n) {
    n.id = String(n.id);
    if (!n.t) n.t = n.group && TYPES[n.group] ? n.group : "Institution";
    if (n.n === undefined || n.n === null) n.n = String(n.label === undefined ? n.id : n.label);
    if (n.s === undefined) n.s = n.size || 10;
  });
  DATA.lines.forEach(function (l, i) {
    if (l.id === undefined) l.id = "x" + i;
    l.f = String(l.f === undefined ? l.from : l.f); l.to = String(l.to);
    if (!l.t) l.t = ""; if (!l.ev) l.ev = [];
  });
  var FIXED = !!DATA.fixed;
  var BIG_EDGES = DATA.lines.length > 2000;

  // ------------------------------------------------------------ indexes
  var byId = {};
  DATA.nodes.forEach(function (n) { byId[n.id] = n; });
  var lineById = {};
  var adj = {};          // node id -> list of line records
  DATA.lines.forEach(function (l) {
    lineById[l.id] = l;
    (adj[l.f] = adj[l.f] || []).push(l);
    (adj[l.to] = adj[l.to] || []).push(l);
  });
  function other(l, id) { return l.f === id ? l.to : l.f; }
  // names shared by several nodes of a type (县中医院 of two counties) are shown with their region
  var nameCount = {};
  DATA.nodes.forEach(function (n) { var k = n.t + "|" + n.n; nameCount[k] = (nameCount[k] || 0) + 1; });
  function display(n) {
    return nameCount[n.t + "|" + n.n] > 1 && n.r && n.n.indexOf(n.r) < 0 ? n.n + "（" + n.r + "）" : n.n;
  }
  function typeOf(id) { return byId[id] ? byId[id].t : ""; }

  // ------------------------------------------------------------ DOM helpers (text only)
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function short(s) { s = String(s); return s.length > 18 ? s.slice(0, 17) + "\u2026" : s; }
  function docLabel(docId) {
    var d = DATA.docs[docId];
    if (d && d[0]) return "《" + d[0] + "》";
    return docId ? "〔" + docId + "〕" : "";
  }

  // ------------------------------------------------------------ vis objects
  // the vis item of a node or line: its pyvis options (the title tooltip is replaced by #kg-tip)
  var VIS_NODE = ["id", "label", "shape", "size", "color", "borderWidth", "font", "shapeProperties", "x", "y",
                  "physics", "group", "image", "mass", "level", "value", "opacity"];
  var VIS_EDGE = ["id", "from", "to", "arrows", "color", "width", "dashes", "label", "font", "smooth", "value", "physics"];
  function pick(src, keys) {
    var o = {};
    keys.forEach(function (k) { if (src[k] !== undefined) o[k] = src[k]; });
    return o;
  }
  function visNode(n) { var o = pick(n, VIS_NODE); o.id = n.id; if (o.label === undefined) o.label = short(display(n)); return o; }
  function visEdge(l) { var o = pick(l, VIS_EDGE); o.id = l.id; o.from = l.f; o.to = l.to; return o; }

  // ------------------------------------------------------------ state and filters
  // the landing view (viz/page.py landing_view): institutions ↔ programmes when the page has participations
  var state = { types: {}, region: "", program: "", mode: DATA.view === "participation" ? "participation" : "all",
                centre: null, depth: Math.max(1, DATA.depth || 2) };
  var PART_TYPES = { Institution: true, Program: true };     // the types the participation view draws
  Object.keys(TYPES).forEach(function (t) { state.types[t] = DATA.hidden.indexOf(t) < 0; });

  function computeVisible() {
    var keep = {};
    DATA.nodes.forEach(function (n) { if (n.t !== "Document" && state.types[n.t] !== false) keep[n.id] = true; });
    var filtered = false;
    if (state.mode === "participation") {
      var part = {};
      DATA.lines.forEach(function (l) {
        if (l.t === "PARTICIPATES_IN" && keep[l.f] && keep[l.to]) { part[l.f] = true; part[l.to] = true; }
      });
      keep = part;
    }
    if (state.region) {
      var R = state.region, core = [], out = {};
      DATA.nodes.forEach(function (n) {
        if (!keep[n.id]) return;
        if ((n.t === "Institution" && n.r === R) || (n.t === "Region" && (n.n === R || n.id === R))) core.push(n.id);
      });
      core.forEach(function (id) {
        out[id] = true;
        (adj[id] || []).forEach(function (l) {
          var m = other(l, id), t = typeOf(m);
          if (keep[m] && (t === "Program" || t === "Indicator" || t === "Institution")) out[m] = true;
        });
      });
      keep = out; filtered = true;
    }
    if (state.program) {
      var P = state.program, outp = {};
      if (keep[P]) {
        outp[P] = true;
        (adj[P] || []).forEach(function (l) {
          if (l.t === "PARTICIPATES_IN" && l.to === P && keep[l.f]) outp[l.f] = true;
        });
        Object.keys(outp).forEach(function (id) {
          if (id === P) return;
          (adj[id] || []).forEach(function (l) {
            if (l.t === "LOCATED_IN" && l.f === id && keep[l.to]) outp[l.to] = true;
          });
        });
      }
      keep = outp; filtered = true;
    }
    if (state.centre && keep[state.centre]) {
      var seen = {}, queue = [state.centre];
      seen[state.centre] = 0;
      while (queue.length) {
        var id = queue.shift();
        if (seen[id] >= state.depth) continue;
        (adj[id] || []).forEach(function (l) {
          var m = other(l, id);
          if (keep[m] && seen[m] === undefined && (state.mode !== "participation" || l.t === "PARTICIPATES_IN")) {
            seen[m] = seen[id] + 1; queue.push(m);
          }
        });
      }
      keep = {};
      Object.keys(seen).forEach(function (k) { keep[k] = true; });
      filtered = true;
    }
    if (state.types.Document && state.mode !== "participation") {
      DATA.nodes.forEach(function (n) {
        if (n.t !== "Document") return;
        if (!filtered || (adj[n.id] || []).some(function (l) { return l.f === n.id && keep[l.to]; }) ||
            (state.region && n.r === state.region)) keep[n.id] = true;
      });
    }
    var ls = DATA.lines.filter(function (l) {
      return keep[l.f] && keep[l.to] && (state.mode !== "participation" || l.t === "PARTICIPATES_IN");
    });
    return { nodes: keep, lines: ls };
  }

  // ------------------------------------------------------------ network
  var container = document.getElementById("kg-network");
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var options = DATA.options;             // vis options set through pyvis (Network.set_options)
  var startPart = state.mode === "participation";
  if (startPart && !FIXED) {
    // the columns of the participation view need no physics; the full view lays itself out when first shown
    options = JSON.parse(JSON.stringify(options));
    options.physics = options.physics || {};
    options.physics.enabled = false;
  }
  // the first view goes into the DataSets before the network exists, so vis stabilises it once
  var first = computeVisible();
  var firstPos = startPart ? bipartitePositions(Object.keys(first.nodes), first.lines) : {};
  nodes.add(Object.keys(first.nodes).map(function (id) {
    var o = visNode(byId[id]);
    if (firstPos[id]) { o.x = firstPos[id].x; o.y = firstPos[id].y; o.size = firstPos[id].size; }
    return o;
  }));
  edges.add(first.lines.map(visEdge));
  T.datasets = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  T.network = performance.now();
  var physicsOn = !FIXED && !startPart;
  var savedPositions = null;
  var allLaidOut = FIXED || !startPart;    // the full view has positions (precomputed, or vis's own layout)
  var settled = true, afterSettle = [];     // false while vis lays the full view out
  function whenSettled(fn) { if (settled) fn(); else afterSettle.push(fn); }

  function placeNear(n) {
    // a new node with no position starts beside a neighbour already on screen
    var ls = adj[n.id] || [];
    for (var i = 0; i < ls.length; i++) {
      var m = other(ls[i], n.id);
      if (nodes.get(m)) {
        var p = network.getPositions([m])[m];
        if (p) return { x: p.x + 40 * Math.cos(i), y: p.y + 40 * Math.sin(i) };
      }
    }
    return null;
  }

  function apply(fit) {
    var vis_ = computeVisible();
    var haveN = {}, haveE = {}, keepE = {};
    nodes.getIds().forEach(function (id) { haveN[id] = true; });
    edges.getIds().forEach(function (id) { haveE[id] = true; });
    vis_.lines.forEach(function (l) { keepE[l.id] = true; });
    edges.remove(Object.keys(haveE).filter(function (id) { return !keepE[id]; }));
    nodes.remove(Object.keys(haveN).filter(function (id) { return !vis_.nodes[id]; }));
    var addN = [], added = false;
    Object.keys(vis_.nodes).forEach(function (id) {
      if (haveN[id]) return;
      var o = visNode(byId[id]);
      if (savedPositions && savedPositions[id]) { o.x = savedPositions[id].x; o.y = savedPositions[id].y; }
      else if (o.x === undefined && nodes.length) { var p = placeNear(byId[id]); if (p) { o.x = p.x; o.y = p.y; } }
      addN.push(o); added = true;
    });
    nodes.add(addN);
    edges.add(vis_.lines.filter(function (l) { return !haveE[l.id]; }).map(visEdge));
    if (state.mode === "participation") bipartite();
    else if (!allLaidOut) layoutAll();
    else if (!FIXED && added && kgPage.ready) { setPhysics(true); network.stabilize(150); }
    else if (added) placeUnattached();
    updateStatus();
    if (fit) fitView();
  }
  function fitView() { network.fit({ animation: false, maxZoomLevel: 1.4 }); }

  // the full view shown for the first time after the participation view: vis lays it out from scratch
  function layoutAll() {
    allLaidOut = true;
    settled = false; kgPage.settled = false;
    var fresh = nodes.get().map(function (o) { return visNode(byId[o.id]); });
    nodes.clear(); nodes.add(fresh);
    setPhysics(true);
    network.setData({ nodes: nodes, edges: edges });
  }
  function onSettled() {
    setPhysics(false);
    placeUnattached();
    fitView();
    settled = true; kgPage.settled = true;
    var fns = afterSettle; afterSettle = [];
    fns.forEach(function (fn) { fn(); });
  }

  // programmes no institution takes part in: in the full view, a small grid beside the region of their
  // reports (or below the graph), not flung to the edge by the layout
  function regionOf(n) {
    var count = {}, best = null;
    (n.d || []).forEach(function (docId) {
      var r = DATA.docs[docId] && DATA.docs[docId][1];
      if (r) { count[r] = (count[r] || 0) + 1; if (!best || count[r] > count[best]) best = r; }
    });
    return best;
  }
  function placeUnattached() {
    if (state.mode !== "all") return;
    var connected = {};
    edges.get().forEach(function (e) { connected[e.from] = true; connected[e.to] = true; });
    var loose = nodes.getIds().filter(function (id) { return typeOf(id) === "Program" && !connected[id]; });
    if (!loose.length) return;
    var regionNode = {};
    nodes.getIds().forEach(function (id) { if (typeOf(id) === "Region") regionNode[byId[id].n] = id; });
    var rest = nodes.getIds().filter(function (id) { return !(typeOf(id) === "Program" && !connected[id]); });
    var pos = network.getPositions(rest), minX = 0, maxY = 0, first_ = true;
    rest.forEach(function (id) {
      var p = pos[id]; if (!p) return;
      if (first_ || p.x < minX) minX = p.x; if (first_ || p.y > maxY) maxY = p.y; first_ = false;
    });
    var groups = {};
    loose.forEach(function (id) {
      var r = regionOf(byId[id]), key = r && regionNode[r] ? regionNode[r] : "";
      (groups[key] = groups[key] || []).push(id);
    });
    var upd = [];
    Object.keys(groups).forEach(function (key) {
      var ids = groups[key].sort(function (a, b) { return byId[a].n < byId[b].n ? -1 : 1; });
      var base = key ? network.getPositions([key])[key] : { x: minX, y: maxY + 120 };
      ids.forEach(function (id, i) {
        var x = key ? base.x + 90 + (i % 2) * 170 : base.x + (i % 5) * 190;
        var y = key ? base.y - 20 + Math.floor(i / 2) * 50 : base.y + Math.floor(i / 5) * 60;
        upd.push({ id: id, x: x, y: y, physics: false });
      });
    });
    nodes.update(upd);
  }

  function setPhysics(on) {
    if (FIXED || physicsOn === on) return;
    physicsOn = on;
    network.setOptions({ physics: { enabled: on } });
  }

  // institutions in columns either side of one column of programmes, each side ordered by the programmes
  // its institutions take part in (barycentre), so that lines run across and labels stay apart
  function bipartitePositions(ids, ls) {
    var progs = ids.filter(function (id) { return typeOf(id) === "Program"; });
    var insts = ids.filter(function (id) { return typeOf(id) !== "Program"; });
    var count = {};
    ls.forEach(function (l) { count[l.to] = (count[l.to] || 0) + 1; });
    progs.sort(function (a, b) { return (count[b] || 0) - (count[a] || 0) || (byId[a].n < byId[b].n ? -1 : 1); });
    // the busiest programmes in the middle of the column
    var mid = [];
    progs.forEach(function (p, i) { if (i % 2) mid.push(p); else mid.unshift(p); });
    progs = mid;
    var rank = {};
    progs.forEach(function (p, i) { rank[p] = i; });
    var bary = {};
    insts.forEach(function (id) {
      var rs = (adj[id] || []).filter(function (l) { return l.t === "PARTICIPATES_IN" && rank[l.to] !== undefined; })
        .map(function (l) { return rank[l.to]; });
      bary[id] = rs.length ? rs.reduce(function (a, b) { return a + b; }, 0) / rs.length : 1e9;
    });
    insts.sort(function (a, b) { return bary[a] - bary[b] || (byId[a].n < byId[b].n ? -1 : 1); });
    var sides = [[], []];
    insts.forEach(function (id, i) { sides[i % 2].push(id); });
    // up to 18 rows a side; more institutions make a roughly square block of 240-px-wide columns
    var gapY = 46, colW = 240, half = sides[0].length;
    var perCol = Math.max(18, Math.ceil(Math.sqrt(half * colW / gapY)));
    var rows = Math.min(half, perCol), height = Math.max(rows, 1) * gapY;
    var out = {};
    sides.forEach(function (side, s) {
      side.forEach(function (id, i) {
        var c = Math.floor(i / perCol), r = i % perCol;
        var inCol = Math.min(perCol, side.length - c * perCol);
        out[id] = { x: (s ? 1 : -1) * (330 + c * colW), y: (r - (inCol - 1) / 2) * gapY, size: 10 };
      });
    });
    var pgap = progs.length > 1 ? Math.max(58, height / progs.length) : 0;
    progs.forEach(function (id, i) { out[id] = { x: 0, y: (i - (progs.length - 1) / 2) * pgap, size: 13 }; });
    return out;
  }
  function bipartite() {
    setPhysics(false);
    var pos = bipartitePositions(nodes.getIds(), edges.get().map(function (e) { return lineById[e.id]; }));
    nodes.update(Object.keys(pos).map(function (id) {
      return { id: id, x: pos[id].x, y: pos[id].y, size: pos[id].size };
    }));
    fitView();
  }

  // ------------------------------------------------------------ UI: types, selects, legend, status
  var typesBox = document.getElementById("kg-types");
  var present = {};
  DATA.nodes.forEach(function (n) { present[n.t] = (present[n.t] || 0) + 1; });
  Object.keys(TYPES).forEach(function (t) {
    if (!present[t]) return;
    var lab = el("label");
    var cb = el("input");
    cb.type = "checkbox"; cb.value = t; cb.id = "kg-type-" + t;
    cb.addEventListener("change", function () {
      state.types[t] = cb.checked;
      // a type the participation view does not draw (partnerships come with the full view): one click shows it
      if (state.mode === "participation" && !PART_TYPES[t]) { if (cb.checked) setMode("all"); return; }
      apply(false);
    });
    var g = el("span", TYPES[t].glyph, "kg-glyph"); g.style.color = TYPES[t].color;
    lab.appendChild(cb); lab.appendChild(g);
    lab.appendChild(document.createTextNode(TYPES[t].zh + "（" + present[t] + "）" + (DATA.hidden.indexOf(t) >= 0 ? " 默认隐藏" : "")));
    typesBox.appendChild(lab);
  });

  // the boxes show what is drawn: in the participation view only institutions and programmes
  function syncTypeBoxes() {
    Object.keys(TYPES).forEach(function (t) {
      var cb = document.getElementById("kg-type-" + t);
      if (cb) cb.checked = state.mode === "participation" && !PART_TYPES[t] ? false : state.types[t] !== false;
    });
  }
  syncTypeBoxes();

  var regionSel = document.getElementById("kg-region");
  var regions = {};
  DATA.nodes.forEach(function (n) {
    if (n.t === "Region") regions[n.n] = true;
    else if (n.t === "Institution" && n.r) regions[n.r] = true;
  });
  Object.keys(regions).sort().forEach(function (r) { var o = el("option", r); o.value = r; regionSel.appendChild(o); });
  regionSel.addEventListener("change", function () { state.region = regionSel.value; apply(true); });

  var progSel = document.getElementById("kg-program");
  var partCount = {};
  DATA.lines.forEach(function (l) { if (l.t === "PARTICIPATES_IN") partCount[l.to] = (partCount[l.to] || 0) + 1; });
  DATA.nodes.filter(function (n) { return n.t === "Program"; })
    .sort(function (a, b) { return (partCount[b.id] || 0) - (partCount[a.id] || 0) || (a.n < b.n ? -1 : 1); })
    .forEach(function (n) { var o = el("option", n.n + "（" + (partCount[n.id] || 0) + "）"); o.value = n.id; progSel.appendChild(o); });
  progSel.addEventListener("change", function () { state.program = progSel.value; apply(true); });

  Array.prototype.forEach.call(document.querySelectorAll("input[name=kg-mode]"), function (r) {
    r.checked = r.value === state.mode;
    r.addEventListener("change", function () { if (r.checked) setMode(r.value); });
  });

  // programmes no institution takes part in: listed here (with the region of their reports), not drawn
  // in the participation view; a click shows one in the full view
  var unattached = DATA.nodes.filter(function (n) { return n.t === "Program" && !partCount[n.id]; })
    .sort(function (a, b) { return a.n < b.n ? -1 : a.n > b.n ? 1 : 0; }).map(function (n) { return n.id; });
  var looseBox = document.getElementById("kg-unattached");
  if (unattached.length) {
    looseBox.hidden = false;
    looseBox.appendChild(el("legend", "未见参与机构的项目（" + unattached.length + "）"));
    var lul = el("ul");
    unattached.forEach(function (id) {
      var n = byId[id], li = el("li"), r = regionOf(n);
      var a = el("button", n.n, "kg-link"); a.type = "button";
      a.addEventListener("click", function () { focusNode(id, true); });
      li.appendChild(a);
      if (r) li.appendChild(el("span", " " + r, "kg-doc"));
      lul.appendChild(li);
    });
    looseBox.appendChild(lul);
  }
  function setMode(m) {
    if (m === state.mode) return;
    if (m === "participation" && allLaidOut) savedPositions = network.getPositions();
    state.mode = m;
    Array.prototype.forEach.call(document.querySelectorAll("input[name=kg-mode]"), function (r) { r.checked = r.value === m; });
    syncTypeBoxes();
    if (m === "all" && allLaidOut) {
      var upd = [];
      nodes.getIds().forEach(function (id) {
        var v = visNode(byId[id]), o = { id: id, size: v.size };
        if (savedPositions && savedPositions[id]) { o.x = savedPositions[id].x; o.y = savedPositions[id].y; }
        else if (v.x !== undefined) { o.x = v.x; o.y = v.y; }
        upd.push(o);
      });
      nodes.update(upd);
    }
    apply(true);
    if (m === "all") savedPositions = null;
  }

  var depthIn = document.getElementById("kg-depth");
  depthIn.value = state.depth;
  depthIn.addEventListener("change", function () {
    state.depth = Math.max(1, Math.min(6, parseInt(depthIn.value, 10) || 2));
    if (state.centre) apply(true);
  });
  document.getElementById("kg-show-all").addEventListener("click", resetFilters);
  function resetFilters() {
    state.region = ""; state.program = ""; state.centre = null;
    regionSel.value = ""; progSel.value = "";
    setMode("all");
    apply(true);
  }
  function hoodLabel() {
    var lab = document.getElementById("kg-hood-label");
    lab.textContent = state.centre ? "只显示「" + display(byId[state.centre]) + "」周边 " + state.depth + " 层" : "点击节点后可只看其周边";
  }

  var legend = document.getElementById("kg-legend");
  var kindsPresent = {};
  DATA.nodes.forEach(function (n) { if (n.t === "Institution" && n.k) kindsPresent[n.k] = true; });
  Object.keys(TYPES).forEach(function (t) {
    if (!present[t]) return;
    var s = el("span", null, "kg-legend-item"), g = el("span", TYPES[t].glyph, "kg-glyph");
    g.style.color = t === "Institution" ? "#555" : TYPES[t].color;
    s.appendChild(g); s.appendChild(document.createTextNode(TYPES[t].zh)); legend.appendChild(s);
  });
  legend.appendChild(el("br"));
  Object.keys(KINDS).forEach(function (k) {
    if (!kindsPresent[k]) return;
    var s = el("span", null, "kg-legend-item"), g = el("span", "\u25CF", "kg-glyph");
    g.style.color = KINDS[k][1];
    s.appendChild(g); s.appendChild(document.createTextNode(KINDS[k][0])); legend.appendChild(s);
  });
  if (DATA.nodes.some(function (n) { return n.ext; })) {
    var s = el("span", null, "kg-legend-item"), g = el("span", "\u25CC", "kg-glyph");
    s.appendChild(g); s.appendChild(document.createTextNode("外地机构（虚线边框）")); legend.appendChild(s);
  }
  legend.appendChild(el("br"));
  var relsPresent = {};
  DATA.lines.forEach(function (l) { relsPresent[l.t] = true; });
  Object.keys(RELS).forEach(function (t) {
    if (!relsPresent[t]) return;
    var s = el("span", null, "kg-legend-item"), line = el("span", null, "kg-line");
    line.style.borderTopColor = RELS[t][1];
    s.appendChild(line); s.appendChild(document.createTextNode(RELS[t][0])); legend.appendChild(s);
  });
  if (relsPresent.PARTNERS_WITH) {
    legend.appendChild(el("div", "合作线：实线＝医联体、对口支援，虚线＝其他合作；线越粗，证据文档越多。", "kg-doc"));
  }

  function updateStatus() {
    var st = document.getElementById("kg-status");
    var hiddenDocs = !state.types.Document && present.Document ? "；文档节点默认隐藏，可在“筛选”中勾选" : "";
    st.textContent = "显示 " + nodes.length + " 个节点、" + edges.length + " 条连线（本页共 " +
      DATA.nodes.length + " 个节点、" + DATA.lines.length + " 条连线" + hiddenDocs +
      "）。同一起点、终点和关系的多份文档证据合为一条线。";
    hoodLabel();
  }

  // ------------------------------------------------------------ tooltip
  var tip = document.getElementById("kg-tip");
  function field(box, name, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    var d = el("div");
    d.appendChild(el("span", name + "：", "kg-field"));
    d.appendChild(document.createTextNode(Array.isArray(value) ? value.join("、") : String(value)));
    box.appendChild(d);
  }
  function nodeInfo(box, n) {
    box.appendChild(el("b", display(n)));
    field(box, "类型", (TYPES[n.t] || {}).zh);
    if (n.t === "Institution") field(box, "机构类别", n.k ? (KINDS[n.k] ? KINDS[n.k][0] + " (" + n.k + ")" : n.k) : "");
    field(box, "别名", n.a);
    field(box, "地区", n.r);
    if (n.ext) field(box, "外地机构", "是");
    if (n.t === "Document") { field(box, "年份", n.yr); field(box, "文件", n.src); field(box, "编号", n.id); }
    if (n.d) field(box, "文档", n.d.map(docLabel));
  }
  function evidenceItems(box, l, limit) {
    var ev = l.ev.slice(0, limit);
    ev.forEach(function (e) {
      var d = el("div", null, "kg-ev");
      var txt = "";
      if (l.t === "MEASURED") {
        txt = (e[2] === null || e[2] === undefined ? "（占位，无数值）" : e[2]) + (e[3] ? " " + e[3] : "") + (e[4] ? "，" + e[4] : "") + (e[5] ? "：" + e[5] : "") + "。";
      }
      var said = txt + (e[1] || "");
      if (said) d.appendChild(document.createTextNode("\u201C" + said + "\u201D "));
      d.appendChild(el("span", docLabel(e[0]), "kg-doc"));
      box.appendChild(d);
    });
    if (l.ev.length > limit) box.appendChild(el("div", "……另有 " + (l.ev.length - limit) + " 条证据", "kg-doc"));
  }
  function lineInfo(box, l) {
    var r = RELS[l.t] || [l.t];
    box.appendChild(el("b", display(byId[l.f]) + " \u2192 " + display(byId[l.to])));
    field(box, "关系", r[0] + " (" + l.t + ")");
    field(box, "类别", l.k);
    field(box, "证据", l.ev.length + " 条");
    evidenceItems(box, l, 4);
  }
  function showTip(build, pointer) {
    clear(tip); build(tip); tip.hidden = false;
    var rect = container.getBoundingClientRect();
    var x = rect.left + pointer.x + 14, y = rect.top + pointer.y + 14;
    tip.style.left = Math.min(x, window.innerWidth - tip.offsetWidth - 8) + "px";
    tip.style.top = Math.min(y, window.innerHeight - tip.offsetHeight - 8) + "px";
  }
  network.on("hoverNode", function (p) { var n = byId[p.node]; if (n) showTip(function (b) { nodeInfo(b, n); }, p.pointer.DOM); });
  network.on("hoverEdge", function (p) { var l = lineById[p.edge]; if (l) showTip(function (b) { lineInfo(b, l); }, p.pointer.DOM); });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) { network.on(ev, function () { tip.hidden = true; }); });
  container.addEventListener("mouseleave", function () { tip.hidden = true; });

  // ------------------------------------------------------------ details panel
  var details = document.getElementById("kg-details");
  function showDetails(id) {
    var n = byId[id];
    clear(details);
    if (!n) { details.hidden = true; return; }
    details.hidden = false;
    var h = el("h2"); h.textContent = display(n); details.appendChild(h);
    var box = el("div"); nodeInfo(box, n); box.removeChild(box.firstChild); details.appendChild(box);
    var hood = el("button", "只看周边（" + state.depth + " 层）");
    hood.type = "button";
    hood.addEventListener("click", function () { state.centre = id; apply(true); focusNode(id, false); });
    details.appendChild(hood);
    var ls = (adj[id] || []).filter(function (l) { return edges.get(l.id); });
    details.appendChild(el("div", "可见关系 " + ls.length + " 条（共 " + (adj[id] || []).length + " 条）", "kg-doc"));
    var ul = el("ul");
    ls.slice(0, 150).forEach(function (l) {
      var li = el("li");
      var r = RELS[l.t] || [l.t];
      li.appendChild(document.createTextNode((l.f === id ? r[0] + (l.k ? "·" + l.k : "") + " \u2192 " : r[0] + (l.k ? "·" + l.k : "") + " \u2190 ")));
      var m = other(l, id);
      var a = el("button", display(byId[m]), "kg-link"); a.type = "button";
      a.addEventListener("click", function () { focusNode(m, true); });
      li.appendChild(a);
      evidenceItems(li, l, 2);
      ul.appendChild(li);
    });
    if (ls.length > 150) ul.appendChild(el("li", "……另有 " + (ls.length - 150) + " 条"));
    details.appendChild(ul);
  }
  network.on("selectNode", function (p) { if (p.nodes.length) showDetails(p.nodes[0]); });
  network.on("deselectNode", function () { details.hidden = true; });

  // ------------------------------------------------------------ search and focus
  var msg = document.getElementById("kg-message");
  // every node a search means, best tier first: the id; exact names; aliases; names or aliases containing it;
  // document titles. The tier's nodes are ranked (on screen, then bigger, then by name).
  function findNodes(q) {
    q = String(q || "").trim();
    if (!q) return [];
    if (byId[q]) return [q];
    var cands = DATA.nodes.filter(function (n) { return n.t !== "Document"; });
    function rank(list) {
      list.sort(function (a, b) { return (nodes.get(b.id) ? 1 : 0) - (nodes.get(a.id) ? 1 : 0) || b.s - a.s || (a.n < b.n ? -1 : 1); });
      return list.map(function (n) { return n.id; });
    }
    var ql = q.toLowerCase();
    var tiers = [
      function (n) { return n.n === q; },
      function (n) { return (n.a || []).indexOf(q) >= 0; },
      function (n) {
        return n.n.toLowerCase().indexOf(ql) >= 0 || (n.a || []).some(function (a) { return String(a).toLowerCase().indexOf(ql) >= 0; });
      }
    ];
    for (var i = 0; i < tiers.length; i++) {
      var hit = cands.filter(tiers[i]);
      if (hit.length) return rank(hit);
    }
    return rank(DATA.nodes.filter(function (n) { return n.t === "Document" && n.n.toLowerCase().indexOf(ql) >= 0; }));
  }
  function findNode(q) { var all = findNodes(q); return all.length ? all[0] : null; }
  function focusNode(id, animate) {
    if (!nodes.get(id)) {
      // hidden by a filter: show everything again (and its type), then focus
      state.region = ""; state.program = ""; state.centre = null;
      regionSel.value = ""; progSel.value = "";
      if (state.types[typeOf(id)] === false) {
        state.types[typeOf(id)] = true;
        var cb = document.getElementById("kg-type-" + typeOf(id));
        if (cb) cb.checked = true;
      }
      if (state.mode !== "all") setMode("all"); else apply(false);
    }
    whenSettled(function () {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), FIXED ? 1.0 : 1.2), animation: animate ? { duration: 400, easingFunction: "easeInOutQuad" } : false });
      showDetails(id);
      kgPage.focused = id;
    });
  }
  var datalistFilled = false;
  var searchIn = document.getElementById("kg-search");
  searchIn.addEventListener("focus", function () {
    if (datalistFilled) return;
    datalistFilled = true;
    var dl = document.getElementById("kg-names"), seen = {}, frag = document.createDocumentFragment();
    DATA.nodes.forEach(function (n) {
      if (n.t === "Document") return;
      [n.n].concat(n.a || []).forEach(function (s) {
        if (seen[s]) return; seen[s] = true;
        var o = document.createElement("option"); o.value = s; frag.appendChild(o);
      });
    });
    dl.appendChild(frag);
  });
  // several nodes answer a search (县人民医院 of many counties): the best is focused and every one listed
  // with its region and kind, a click away
  var matchesBox = document.getElementById("kg-matches");
  function listMatches(q, ids) {
    clear(matchesBox);
    if (ids.length < 2) { matchesBox.hidden = true; return; }
    matchesBox.hidden = false;
    matchesBox.appendChild(el("div", "“" + q + "” 有 " + ids.length + " 个匹配：", "kg-doc"));
    var ul = el("ul");
    ids.slice(0, 100).forEach(function (id) {
      var n = byId[id], li = el("li");
      var a = el("button", n.n, "kg-link"); a.type = "button";
      a.addEventListener("click", function () { focusNode(id, true); });
      li.appendChild(a);
      var kind = n.t === "Institution" && n.k && KINDS[n.k] ? KINDS[n.k][0] : (TYPES[n.t] || {}).zh || n.t;
      li.appendChild(el("span", " " + [n.r || (n.ext ? "外地" : ""), kind].filter(Boolean).join(" · "), "kg-doc"));
      ul.appendChild(li);
    });
    if (ids.length > 100) ul.appendChild(el("li", "……另有 " + (ids.length - 100) + " 个"));
    matchesBox.appendChild(ul);
  }
  function search(q) {
    var ids = findNodes(q);
    listMatches(String(q || "").trim(), ids);
    if (!ids.length) { msg.textContent = "未找到：" + q; return null; }
    msg.textContent = "";
    focusNode(ids[0], true);
    return ids[0];
  }
  searchIn.addEventListener("input", function (ev) {
    // a name picked from the suggestion list: go there at once
    if (ev.inputType === "insertReplacementText") search(searchIn.value);
  });
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault(); search(searchIn.value);
  });

  // ------------------------------------------------------------ start
  var kgPage = window.kgPage = {
    network: network, nodes: nodes, edges: edges, data: DATA, state: state, ready: false, readyAt: null,
    search: search, findNodes: findNodes, focusNode: focusNode, apply: apply, setMode: setMode, resetFilters: resetFilters,
    computeVisible: computeVisible, focused: null, timing: T, settled: true, unattached: unattached
  };
  function markReady() {
    if (kgPage.ready) return;
    kgPage.ready = true; kgPage.readyAt = T.ready = performance.now();
    document.body.setAttribute("data-ready", "1");
    // graph.html#focus=ID (the links of a marked report, kg show) opens on that node
    var m = /^#focus=(.+)$/.exec(window.location.hash || "");
    var asked = m ? decodeURIComponent(m[1]) : DATA.focus;
    if (asked) {
      var id = byId[asked] ? asked : findNode(asked);
      if (id && m) focusNode(id, false);
      else if (id) { network.selectNodes([id]); showDetails(id); kgPage.focused = id; }
    }
  }
  network.on("stabilizationIterationsDone", function () {
    setPhysics(false);
    if (!settled) onSettled();
    if (!kgPage.ready) network.once("afterDrawing", markReady);
  });
  updateStatus();
  if (FIXED || startPart || nodes.length === 0) {
    fitView();
    network.once("afterDrawing", markReady);
    network.redraw();
  }
})();

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
  // a big page (viz/compact.py): every node and line comes as compact columns in DATA.store, the
  // pyvis items (what is drawn on opening) are merged into them by id
  if (DATA.store) decodeStore(DATA.store);
  T.decoded = performance.now();
  function decodeStore(S) {
    var docIds = [], docs = {}, i, j;
    S.docs.forEach(function (r) {
      docIds.push(r[0]);
      docs[r[0]] = [r[1], r[2], r[3], r[4]].map(function (v) { return v === undefined ? null : v; });
    });
    var ext = {};
    S.ext.forEach(function (x) { ext[x] = true; });
    var ns = new Array(S.ids.length);
    for (i = 0; i < S.ids.length; i++) {
      var n = { id: String(S.ids[i]), t: S.types[S.t[i]], n: S.n[i], s: S.s[i] };
      if (S.r[i] !== 0) n.r = S.r[i];
      if (S.k[i] !== 0) n.k = S.k[i];
      if (S.x) { n.x = S.x[i]; n.y = S.y[i]; }
      if (ext[i]) n.ext = true;
      ns[i] = n;
    }
    Object.keys(S.a).forEach(function (x) { ns[x].a = S.a[x]; });
    Object.keys(S.d).forEach(function (x) { ns[x].d = S.d[x].map(function (k) { return docIds[k]; }); });
    Object.keys(S.yr).forEach(function (x) { ns[x].yr = S.yr[x]; });
    Object.keys(S.src).forEach(function (x) { ns[x].src = S.src[x]; });
    var ls = new Array(S.lf.length), sents = S.sents;
    for (j = 0; j < S.lf.length; j++) {
      var ev = S.ev[j];
      // evidence rows [document, sentence, value, unit, period, raw]: indexes replaced in place
      for (var e = 0; e < ev.length; e++) {
        var row = ev[e];
        if (row[0] !== null && row[0] !== undefined) row[0] = docIds[row[0]];
        if (row[1] !== null && row[1] !== undefined) row[1] = sents[row[1]];
      }
      ls[j] = { id: "e" + j, f: ns[S.lf[j]].id, to: ns[S.lt[j]].id, t: S.types[S.ly[j]], ev: ev };
    }
    Object.keys(S.lk).forEach(function (x) { ls[x].k = S.lk[x]; });
    merge(ns, DATA.nodes, "id");
    merge(ls, DATA.lines, "id");
    DATA.nodes = ns; DATA.lines = ls; DATA.docs = docs;
    DATA.store = null;
  }
  // the pyvis items (a Network restyled in a notebook included) win over the decoded records
  function merge(records, items) {
    var at = {};
    records.forEach(function (r, i) { at[r.id] = i; });
    items.forEach(function (p) {
      var i = at[String(p.id)];
      if (i === undefined) { records.push(p); return; }
      Object.keys(p).forEach(function (k) { records[i][k] = p[k]; });
      records[i].id = String(p.id);
    });
  }
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
  var byId = {}, ORDER = {};
  DATA.nodes.forEach(function (n, i) { byId[n.id] = n; ORDER[n.id] = i; });
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
  // records of a big page's store have no vis options: the ones viz/page.py build_network gives pyvis
  function visNode(n) {
    var o = pick(n, VIS_NODE); o.id = n.id;
    if (o.label === undefined) o.label = short(display(n));
    if (o.group === undefined) {
      var ty = TYPES[n.t] || TYPES.Institution, kind = n.t === "Institution" && KINDS[n.k];
      o.group = kind ? "Institution." + n.k : n.t;
      if (o.shape === undefined) o.shape = ty.shape;
      if (o.size === undefined) o.size = n.s;
      if (n.ext && o.color === undefined) {
        o.borderWidth = 2; o.shapeProperties = { borderDashes: [4, 3] };
        o.color = { background: kind ? KINDS[n.k][1] : ty.color, border: "#333333" };
      }
    }
    return o;
  }
  function visEdge(l) {
    var o = pick(l, VIS_EDGE); o.id = l.id; o.from = l.f; o.to = l.to;
    if (o.color === undefined) {
      o.color = (RELS[l.t] || ["", "#999999"])[1];
      if (l.ev.length > 1) o.width = Math.min(5, 1 + (l.ev.length - 1) * 0.8);
      if (l.t === "PARTNERS_WITH") o.dashes = l.k !== "医联体" && l.k !== "对口支援";
    }
    return o;
  }

  // ------------------------------------------------------------ state and filters
  // the landing view (viz/page.py landing_view): institutions ↔ programmes when the page has participations
  var state = { types: {}, region: "", program: "", mode: DATA.view === "participation" ? "participation" : "all",
                centre: null, depth: Math.max(1, DATA.depth || 2), pinned: {} };
  // a big page draws at most CAP[mode] nodes of a view (viz/compact.py cap_view)
  var CAP = DATA.cap || null, LINECAP = DATA.linecap || {}, PIN = DATA.pin || 40;
  var lastView = null;
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
    return (lastView = trim(keep, ls));
  }

  // a view over the caps: grown from its most connected node (lines in the view; ties in page order) while
  // at most CAP nodes and LINECAP lines among them are drawn, then the kept nodes left with no line dropped; a
  // pinned node (asked for, not drawn) and the centre come in with up to PIN of their neighbours.
  // Mirrors viz/compact.py cap_view.
  function trim(keep, ls) {
    var ids = Object.keys(keep), cap = CAP && CAP[state.mode], lcap = LINECAP && LINECAP[state.mode];
    var res = { nodes: keep, lines: ls, total: ids.length, totalLines: ls.length, trimmed: false };
    if (!cap || (ids.length <= cap && ls.length <= lcap)) return res;
    var deg = {}, nb = {};
    ls.forEach(function (l) {
      deg[l.f] = (deg[l.f] || 0) + 1; deg[l.to] = (deg[l.to] || 0) + 1;
      (nb[l.f] = nb[l.f] || []).push(l.to);
      if (l.to !== l.f) (nb[l.to] = nb[l.to] || []).push(l.f);
    });
    function cmp(a, b) { return (deg[b] || 0) - (deg[a] || 0) || ORDER[a] - ORDER[b]; }
    ids.sort(cmp);
    // grown from the most connected node, the best-connected neighbour of what is kept first (a new seed,
    // the most connected left, when a component is done)
    var kept = {}, pinSet = {}, count = 0, drawn = 0, heap = [], queued = {}, next = 0;
    function push(id) {
      heap.push(id);
      for (var i = heap.length - 1; i > 0;) {
        var up = (i - 1) >> 1;
        if (cmp(heap[i], heap[up]) >= 0) break;
        var x = heap[i]; heap[i] = heap[up]; heap[up] = x; i = up;
      }
    }
    function pop() {
      var top = heap[0], last = heap.pop();
      if (heap.length) {
        heap[0] = last;
        for (var i = 0; ;) {
          var a = 2 * i + 1, b = a + 1, m = i;
          if (a < heap.length && cmp(heap[a], heap[m]) < 0) m = a;
          if (b < heap.length && cmp(heap[b], heap[m]) < 0) m = b;
          if (m === i) break;
          var x = heap[i]; heap[i] = heap[m]; heap[m] = x; i = m;
        }
      }
      return top;
    }
    while (count < cap) {
      if (!heap.length) {
        while (next < ids.length && kept[ids[next]]) next++;
        if (next >= ids.length) break;
        queued[ids[next]] = true; push(ids[next]);
      }
      var n = pop(), add = 0;
      (nb[n] || []).forEach(function (m) { if (kept[m] || m === n) add++; });
      if (drawn + add > lcap) break;
      kept[n] = true; count++; drawn += add;
      (nb[n] || []).forEach(function (m) { if (!queued[m]) { queued[m] = true; push(m); } });
    }
    var pins = Object.keys(state.pinned).concat(state.centre ? [state.centre] : []);
    pins.forEach(function (p) {
      if (!keep[p] || pinSet[p]) return;
      pinSet[p] = kept[p] = true;
      var seen = {};
      (nb[p] || []).filter(function (m) { return seen[m] ? false : (seen[m] = true); })
        .sort(cmp).slice(0, PIN).forEach(function (m) { kept[m] = true; });
    });
    var out = ls.filter(function (l) { return kept[l.f] && kept[l.to]; }), linked = {};
    out.forEach(function (l) { linked[l.f] = true; linked[l.to] = true; });
    Object.keys(kept).forEach(function (id) { if (!linked[id] && !pinSet[id]) delete kept[id]; });
    res.nodes = kept; res.lines = out; res.trimmed = true;
    return res;
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
    else if (CAP && (added || fit)) relayout(haveN);
    else if (added) placeUnattached();
    updateStatus();
    if (fit) fitView();
  }
  function fitView() { network.fit({ animation: false, maxZoomLevel: 1.4 }); }

  // a big page's full view: the few hundred nodes drawn are laid out here (Fruchterman-Reingold), from
  // where they were drawn before (`before`: ids) when most of them were, else from the positions
  // computed in Python for the whole graph, so that neighbours stay near and a growing view moves little
  function relayout(before) {
    var ids = nodes.getIds(), n = ids.length;
    if (!n || n > 2000) return;
    var at = {}, X = new Float64Array(n), Y = new Float64Array(n), k = 130, seed = 7;
    function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 - 0.5; }
    ids.forEach(function (id, i) { at[id] = i; });
    var old = ids.filter(function (id) { return before[id]; });
    var warm = relaidOut && old.length * 2 >= n, pos = warm ? network.getPositions(old) : {};
    var cx = 0, cy = 0, r2 = 0, m = 0;
    ids.forEach(function (id) { var b = byId[id]; if (typeof b.x === "number") { cx += b.x; cy += b.y; m++; } });
    cx /= m || 1; cy /= m || 1;
    ids.forEach(function (id) { var b = byId[id]; if (typeof b.x === "number") r2 += (b.x - cx) * (b.x - cx) + (b.y - cy) * (b.y - cy); });
    var R = Math.sqrt(n / Math.PI) * k, sc = m && r2 ? R / Math.sqrt(2 * r2 / m) : 1;
    var pairs = [], seen = {};
    edges.get().forEach(function (e) {
      var a = at[e.from], b = at[e.to];
      if (a === undefined || b === undefined || a === b) return;
      var key = a < b ? a + "," + b : b + "," + a;
      if (!seen[key]) { seen[key] = true; pairs.push(a, b); }
    });
    ids.forEach(function (id, i) {
      var p = pos[id], b = byId[id];
      if (p) { X[i] = p.x; Y[i] = p.y; return; }
      if (warm) {
        var ls = adj[id] || [];
        for (var j = 0; j < ls.length; j++) {
          var q = pos[other(ls[j], id)];
          if (q) { X[i] = q.x + k * rnd(); Y[i] = q.y + k * rnd(); return; }
        }
      }
      if (typeof b.x === "number") { X[i] = (b.x - cx) * sc + rnd(); Y[i] = (b.y - cy) * sc + rnd(); }
      else { X[i] = R * rnd(); Y[i] = R * rnd(); }
    });
    var iters = warm ? 80 : 220, t0 = warm ? k : R / 3, DX = new Float64Array(n), DY = new Float64Array(n);
    for (var it = 0; it < iters; it++) {
      DX.fill(0); DY.fill(0);
      for (var a = 0; a < n; a++) {
        for (var b = a + 1; b < n; b++) {
          var dx = X[a] - X[b], dy = Y[a] - Y[b], d2 = dx * dx + dy * dy + 1, f = k * k / d2;
          DX[a] += dx * f; DY[a] += dy * f; DX[b] -= dx * f; DY[b] -= dy * f;
        }
      }
      for (var e = 0; e < pairs.length; e += 2) {
        var u = pairs[e], v = pairs[e + 1], ex = X[u] - X[v], ey = Y[u] - Y[v], g = Math.sqrt(ex * ex + ey * ey) / k;
        DX[u] -= ex * g; DY[u] -= ey * g; DX[v] += ex * g; DY[v] += ey * g;
      }
      var t = t0 * (1 - it / iters) + 1, mx = 0, my = 0;
      for (var c = 0; c < n; c++) { mx += X[c] / n; my += Y[c] / n; }
      for (c = 0; c < n; c++) {
        DX[c] -= 0.03 * (X[c] - mx); DY[c] -= 0.03 * (Y[c] - my);     // weak gravity keeps components together
        var len = Math.sqrt(DX[c] * DX[c] + DY[c] * DY[c]) || 1, step = Math.min(len, t) / len;
        X[c] += DX[c] * step; Y[c] += DY[c] * step;
      }
    }
    nodes.update(ids.map(function (id, i) { return { id: id, x: Math.round(X[i]), y: Math.round(Y[i]) }; }));
    relaidOut = true;
  }
  var relaidOut = false;     // the nodes drawn have positions from relayout (not columns or the Python seeds)

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
    // more programmes than rows: several programme columns (260 px apart) in the middle
    var perP = Math.max(18, rows), nP = Math.max(1, Math.ceil(progs.length / perP)), pw = (nP - 1) * 130;
    var out = {};
    sides.forEach(function (side, s) {
      side.forEach(function (id, i) {
        var c = Math.floor(i / perCol), r = i % perCol;
        var inCol = Math.min(perCol, side.length - c * perCol);
        out[id] = { x: (s ? 1 : -1) * (330 + pw + c * colW), y: (r - (inCol - 1) / 2) * gapY, size: 10 };
      });
    });
    var inP = Math.min(perP, progs.length), pgap = inP > 1 ? Math.max(58, height / inP) : 0;
    progs.forEach(function (id, i) {
      var c = Math.floor(i / perP), r = i % perP, inCol = Math.min(perP, progs.length - c * perP);
      out[id] = { x: (c - (nP - 1) / 2) * 260, y: (r - (inCol - 1) / 2) * pgap, size: 13 };
    });
    return out;
  }
  function bipartite() {
    setPhysics(false);
    relaidOut = false;
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
    state.region = ""; state.program = ""; state.centre = null; state.pinned = {};
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
    var big = lastView && lastView.trimmed ? "。本视图共 " + lastView.total + " 个节点、" + lastView.totalLines +
      " 条连线，大图只画其中连接最多的节点（至多 " + CAP[state.mode] + " 个，放大后显示名称）；搜索、地区或项目筛选、" +
      "点击列表中的名称会把其余节点连同周边带进图中" : "";
    st.textContent = "显示 " + nodes.length + " 个节点、" + edges.length + " 条连线" + big + "（本页共 " +
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
    if (n.t === "Document") {
      field(box, "年份", n.yr); field(box, "文件", n.src); field(box, "编号", n.id);
      if (docPage(n.id)) field(box, "标注报告", "单击节点后在左侧打开，或双击节点");
    }
    if (n.d) field(box, "文档", n.d.map(docLabel));
  }
  // the marked report of a document (kg show, written by kg build beside the page): a relative link
  // (DATA.dochint set: the reports were not written, DOCLINKS says where `kg show` would write them)
  function docPage(docId) {
    var u = docId !== null && docId !== undefined && !DATA.dochint ? DOCLINKS[docId] : null;
    return typeof u === "string" && u.indexOf(":") < 0 && u.charAt(0) !== "/" ? u : null;
  }
  function shq(s) { s = String(s); return /^[\w.#\/-]+$/.test(s) ? s : "'" + s.split("'").join("'\\''") + "'"; }
  function docRef(docId, link) {
    var u = link ? docPage(docId) : null;
    if (!u) return el("span", docLabel(docId), "kg-doc");
    var a = el("a", docLabel(docId), "kg-doc kg-report");
    a.setAttribute("href", u); a.setAttribute("target", "_blank");
    return a;
  }
  function reportBox(id) {
    var box = el("div", null, "kg-report-box"), u = docPage(id);
    if (u) {
      var a = el("a", "打开这份报告（抽取内容已标注）", "kg-report");
      a.setAttribute("href", u); a.setAttribute("target", "_blank"); a.id = "kg-report-link";
      box.appendChild(a);
      box.appendChild(el("div", "双击图中的文档节点也可打开。", "kg-doc"));
    } else if (DATA.dochint && DOCLINKS[id]) {
      box.appendChild(el("div", "标注报告未随本页生成（语料较大）；生成这份报告的命令：", "kg-doc"));
      box.appendChild(el("code", DATA.dochint.split("{id}").join(shq(id)).split("{file}").join(shq(DOCLINKS[id])),
                         "kg-cmd"));
    }
    return box;
  }
  function evidenceItems(box, l, limit, link) {
    var ev = l.ev.slice(0, limit);
    ev.forEach(function (e) {
      var d = el("div", null, "kg-ev");
      var txt = "";
      if (l.t === "MEASURED") {
        txt = (e[2] === null || e[2] === undefined ? "（占位，无数值）" : e[2]) + (e[3] ? " " + e[3] : "") + (e[4] ? "，" + e[4] : "") + (e[5] ? "：" + e[5] : "") + "。";
      }
      var said = txt + (e[1] || "");
      if (said) d.appendChild(document.createTextNode("\u201C" + said + "\u201D "));
      d.appendChild(docRef(e[0], link));
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
    if (n.t === "Document") details.appendChild(reportBox(id));
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
      evidenceItems(li, l, 2, true);
      ul.appendChild(li);
    });
    if (ls.length > 150) ul.appendChild(el("li", "……另有 " + (ls.length - 150) + " 条"));
    details.appendChild(ul);
    // the side panel of a big page is long (programmes listed, legend): bring the details into sight
    if (details.scrollIntoView) details.scrollIntoView({ block: "nearest" });
  }
  network.on("selectNode", function (p) { if (p.nodes.length) showDetails(p.nodes[0]); });
  network.on("deselectNode", function () { details.hidden = true; });
  network.on("doubleClick", function (p) {
    var u = p.nodes.length && typeOf(p.nodes[0]) === "Document" ? docPage(p.nodes[0]) : null;
    if (u) window.open(u, "_blank");
  });

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
    if (!nodes.get(id) && CAP && byId[id]) {
      // a big page: the node (and its closest neighbours) comes into the view it belongs to
      state.pinned[id] = true;
      if (computeVisible().nodes[id]) apply(false);
    }
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
    var dl = document.getElementById("kg-names"), seen = {}, frag = document.createDocumentFragment(), count = 0;
    var named = DATA.nodes.filter(function (n) { return n.t !== "Document"; });
    // a big page suggests the names of its 5,000 most connected nodes (the search itself reaches all)
    if (named.length > 5000) named = named.sort(function (a, b) { return b.s - a.s || ORDER[a.id] - ORDER[b.id]; });
    named.forEach(function (n) {
      if (count >= 5000) return;
      [n.n].concat(n.a || []).forEach(function (s) {
        if (seen[s]) return; seen[s] = true; count++;
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
      if (id && (m || !nodes.get(id))) focusNode(id, false);     // (a big page may not draw it: it comes in)
      else if (id) { network.selectNodes([id]); showDetails(id); kgPage.focused = id; }
    }
  }
  network.on("stabilizationIterationsDone", function () {
    setPhysics(false);
    if (!settled) onSettled();
    if (!kgPage.ready) network.once("afterDrawing", markReady);
  });
  if (CAP && !startPart) relayout({});
  updateStatus();
  T.ui = performance.now();
  if (FIXED || startPart || nodes.length === 0) {
    fitView();
    network.once("afterDrawing", markReady);
    network.redraw();
  }
})();

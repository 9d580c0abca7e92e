// Draws the dashboards' charts: on the first visit from the data the page embeds with json_script (no
// inline script: the page works under a strict CSP, and no round trip before the first chart), each
// chart when it comes near the viewport. Filter changes redraw the charts from the dashboards' JSON
// API (/api/dashboards/<panel>/, the same answers), then put in the panels' tables (the page's panels
// without their data): no reload; the URL keeps the whole state, and the form works without
// JavaScript. The map keeps its real proportions, draws classes with a legend, zooms from the
// province to a city and lists a county's units.
(function () {
  "use strict";
  if (typeof echarts === "undefined") return;

  // Okabe–Ito: told apart with every common colour-vision deficiency.
  var COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"];
  // Meanings: done is green, overdue is red(-vermillion), the rest neutral.
  var SEMANTIC = { expected: "#999999", submitted: "#56B4E9", approved: "#009E73", overdue: "#D55E00" };
  // Map classes: zero is grey, then a sequential blue scale.
  var ZERO = "#e6e6e6";
  var SCALE = ["#c6dbef", "#6baed6", "#2171b5", "#08306b"];
  var FONT = 12;
  var charts = {};
  var geo = null;
  // The UI's words: Chinese as written here, translated by the portal's JavaScript catalogue
  // (/jsi18n/, Django's JavaScriptCatalog, loaded before this file) in the English UI.
  var gettext = typeof window.gettext === "function" ? window.gettext : function (text) { return text; };
  var ngettext = typeof window.ngettext === "function" ? window.ngettext : function (one, many, n) { return n === 1 ? one : many; };
  var pgettext = typeof window.pgettext === "function" ? window.pgettext : function (_context, text) { return text; };
  // A translated text with its %(key)s filled in.
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }
  // A translated text as nodes: names (places, units) in a span marked lang="zh", kept as printed.
  function fillNodes(parent, text, values) {
    text.split(/(%\(\w+\)s)/).forEach(function (part) {
      var key = /^%\((\w+)\)s$/.exec(part);
      if (key) parent.appendChild(values[key[1]] instanceof Node ? values[key[1]] : document.createTextNode(String(values[key[1]])));
      else if (part) parent.appendChild(document.createTextNode(part));
    });
    return parent;
  }
  function chineseName(text) {
    var span = document.createElement("span");
    span.lang = "zh";
    span.textContent = text;
    return span;
  }
  // A name in a tooltip (HTML): escaped and marked as Chinese.
  function escName(text) {
    return '<span lang="zh">' + esc(text) + "</span>";
  }
  var narrow = function () {
    return window.matchMedia("(max-width: 40rem)").matches;
  };

  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function withParam(url, name, value) {
    return url + (url.indexOf("?") === -1 ? "?" : url.slice(-1) === "?" ? "" : "&") + encodeURIComponent(name) + "=" + encodeURIComponent(value);
  }

  // Tooltips are HTML: every text that comes from the data is escaped.
  var esc = echarts.format.encodeHTML;

  function fmt(n) {
    return typeof n === "number" ? n.toLocaleString("zh-CN", { maximumFractionDigits: 2 }) : n;
  }

  function base(option) {
    return Object.assign(
      {
        color: COLORS,
        animation: false,
        textStyle: { fontFamily: "inherit", fontSize: FONT },
        legend: { top: 0, left: 0, textStyle: { fontSize: FONT } },
      },
      option
    );
  }

  // The chart's title is a line of HTML above it (the custom ECharts build has no title component).
  // ``names``: places in the title, kept as printed and marked as Chinese.
  function caption(el, title, names) {
    var node = el.previousElementSibling;
    if (!node || !node.classList.contains("chart-title")) {
      node = document.createElement("p");
      node.className = "chart-title";
      el.parentNode.insertBefore(node, el);
    }
    node.textContent = "";
    var list = (names || []).filter(Boolean).map(String);
    var pattern = list.length ? new RegExp("(" + list.map(function (n) { return n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|") + ")") : null;
    (pattern ? String(title || "").split(pattern) : [String(title || "")]).forEach(function (part) {
      if (list.indexOf(part) !== -1) node.appendChild(chineseName(part));
      else if (part) node.appendChild(document.createTextNode(part));
    });
    node.hidden = !title;
  }

  // Tooltips are the page's own: a box that follows the pointer over an item (no tooltip component).
  var tipNode = null;
  function tooltip(chart, el, formatter) {
    if (!tipNode) {
      tipNode = document.createElement("div");
      tipNode.className = "chart-tip";
      tipNode.setAttribute("role", "status");
      tipNode.hidden = true;
      document.body.appendChild(tipNode);
    }
    chart.on("mouseover", function (p) {
      var html = formatter ? formatter(p) : esc(String(p.seriesName || "")) + "<br>" + esc(String(p.name || "")) + "：" + fmt(Array.isArray(p.value) ? p.value[1] : p.value);
      if (!html) return;
      tipNode.innerHTML = html; // every text from the data is escaped by the formatters
      tipNode.hidden = false;
      var box = el.getBoundingClientRect();
      var x = box.left + window.scrollX + (p.event ? p.event.offsetX : 0) + 12;
      var y = box.top + window.scrollY + (p.event ? p.event.offsetY : 0) + 12;
      tipNode.style.left = Math.min(x, window.scrollX + document.documentElement.clientWidth - tipNode.offsetWidth - 8) + "px";
      tipNode.style.top = y + "px";
    });
    chart.on("mouseout", function () {
      tipNode.hidden = true;
    });
    chart.on("globalout", function () {
      tipNode.hidden = true;
    });
  }

  function init(el, option) {
    var old = echarts.getInstanceByDom(el);
    if (old) old.dispose();
    var title = option.title;
    var tip = option.tooltip;
    delete option.title;
    delete option.tooltip;
    var names = [].concat(title || []).reduce(function (all, t) { return all.concat(t.names || []); }, []);
    caption(el, Array.isArray(title) ? title.map(function (t) { return t.text; }).join(" · ") : title && title.text, names);
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(base(option));
    tooltip(chart, el, tip && tip.formatter);
    charts[el.dataset.chart] = chart;
    el.dataset.drawn = "true";
    el.dataset.title = (Array.isArray(title) ? title.map(function (t) { return t.text; }).join(" · ") : title && title.text) || "";
    return chart;
  }

  function axisLabel(extra) {
    return Object.assign({ fontSize: FONT, hideOverlap: true }, extra || {});
  }

  // --- the map --------------------------------------------------------------------------------

  // The bounding box and true width:height of a set of features (longitude shrunk by cos(latitude)).
  function bbox(features) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    function walk(c) {
      if (typeof c[0] === "number") {
        box[0] = Math.min(box[0], c[0]);
        box[1] = Math.min(box[1], c[1]);
        box[2] = Math.max(box[2], c[0]);
        box[3] = Math.max(box[3], c[1]);
      } else c.forEach(walk);
    }
    features.forEach(function (f) {
      walk(f.geometry.coordinates);
    });
    var scale = Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180);
    return { box: box, scale: scale, ratio: ((box[2] - box[0]) * scale) / (box[3] - box[1]) };
  }

  function classes(counts) {
    var positive = counts.filter(function (n) { return n > 0; }).sort(function (a, b) { return a - b; });
    var result = [{ min: 0, max: 0, color: ZERO, label: "0" }];
    if (!positive.length) return result;
    var max = positive[positive.length - 1];
    var breaks = [];
    if (max <= SCALE.length) {
      for (var v = 1; v <= max; v++) breaks.push(v);
    } else {
      [0.25, 0.5, 0.75, 1].forEach(function (q) {
        var b = positive[Math.min(positive.length - 1, Math.floor(q * (positive.length - 1)))];
        if (q === 1) b = max;
        if (!breaks.length || b > breaks[breaks.length - 1]) breaks.push(b);
      });
    }
    var low = 1;
    breaks.forEach(function (high, i) {
      var color = SCALE[Math.round((i * (SCALE.length - 1)) / Math.max(1, breaks.length - 1))];
      result.push({ min: low, max: high, color: color, label: low === high ? String(low) : low + "–" + high });
      low = high + 1;
    });
    return result;
  }

  function classOf(list, n) {
    for (var i = 0; i < list.length; i++) if (n >= list[i].min && n <= list[i].max) return list[i];
    return list[list.length - 1];
  }

  function drawLegend(el, list) {
    var legend = el.parentNode.querySelector('[data-legend="map"]');
    if (!legend) return;
    legend.hidden = false;
    legend.textContent = "";
    list.forEach(function (c) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = c.color;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(fill(ngettext("%(n)s 家", "%(n)s 家", c.max === 1 ? 1 : 2), { n: c.label })));
      legend.appendChild(item);
    });
  }

  function crumbs(el, city, onProvince) {
    var nav = el.parentNode.querySelector('[data-crumbs="map"]');
    if (!nav) return;
    nav.hidden = false;
    nav.textContent = "";
    var top = document.createElement(city ? "button" : "strong");
    top.textContent = "浙江省";
    top.lang = "zh";
    if (city) {
      top.type = "button";
      top.className = "link";
      top.dataset.crumb = "province";
      top.addEventListener("click", onProvince);
    }
    nav.appendChild(top);
    if (city) {
      nav.appendChild(document.createTextNode(" › "));
      var here = document.createElement("strong");
      fillNodes(here, gettext("%(city)s（地图上 %(n)s 家）"), { city: chineseName(city.name), n: city.total });
      nav.appendChild(here);
    }
  }

  function listUnits(el, county) {
    var box = el.parentNode.querySelector('[data-units="map"]');
    if (!box) return;
    box.hidden = false;
    box.textContent = "";
    fillNodes(box, gettext("正在读取 %(county)s 的试点单位…"), { county: chineseName(county) });
    var url = withParam(withParam(el.dataset.library.replace("/cases/", "/api/cases/"), "county", county), "page_size", "100");
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        box.textContent = "";
        var title = document.createElement("h3");
        fillNodes(title, gettext("%(county)s：%(n)s 家试点单位"), { county: chineseName(county), n: body.count });
        box.appendChild(title);
        var list = document.createElement("ul");
        (body.results || []).forEach(function (unit) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = "/cases/" + unit.id + "/";
          link.textContent = unit.name;
          link.lang = "zh";
          item.appendChild(link);
          item.appendChild(document.createTextNode(fill(gettext("（%(kind)s）"), { kind: unit.kind_display || "" })));
          list.appendChild(item);
        });
        box.appendChild(list);
        var all = document.createElement("a");
        all.href = withParam(el.dataset.library, "county", county);
        fillNodes(all, gettext("在案例库中查看 %(county)s 的全部单位"), { county: chineseName(county) });
        box.appendChild(all);
      })
      .catch(function () {
        box.textContent = "";
        fillNodes(box, gettext("未能读取 %(county)s 的单位。"), { county: chineseName(county) });
      });
  }

  function drawMap(el, data, city) {
    var features = city
      ? geo.features.filter(function (f) { return f.properties.city === city; })
      : geo.features;
    if (!features.length) {
      city = "";
      features = geo.features;
    }
    var name = city ? "zj-" + city : "zhejiang";
    if (!echarts.getMap(name)) echarts.registerMap(name, { type: "FeatureCollection", features: features });
    var shape = bbox(features);
    // The box takes the outline's own proportions (no stretching): its height follows its width.
    var width = el.clientWidth || 600;
    var height = Math.round(Math.min(narrow() ? 460 : 560, Math.max(260, (width / shape.ratio) * 0.98)));
    el.style.height = height + "px";
    var counts = {};
    data.counties.forEach(function (c) {
      counts[c.name] = c.count;
    });
    var shown = features.map(function (f) { return counts[f.properties.name] || 0; });
    var list = classes(shown);
    // Names only where they fit: larger counties first, a name that would overlap one already placed
    // (or run past its own county's width) is left to the tooltip and the tables.
    var size = 0.98 * Math.min(width, height);
    var drawnW = shape.ratio > 1 ? size : size * shape.ratio;
    var drawnH = shape.ratio > 1 ? size / shape.ratio : size;
    var placed = [];
    var labelled = {};
    if (city) {
      features
        .map(function (f) { return { f: f, b: bbox([f]) }; })
        .sort(function (a, b) { return (b.b.box[2] - b.b.box[0]) * (b.b.box[3] - b.b.box[1]) - (a.b.box[2] - a.b.box[0]) * (a.b.box[3] - a.b.box[1]); })
        .forEach(function (item) {
          var cp = item.f.properties.cp;
          var x = ((cp[0] - shape.box[0]) / (shape.box[2] - shape.box[0])) * drawnW;
          var y = ((shape.box[3] - cp[1]) / (shape.box[3] - shape.box[1])) * drawnH;
          var w = item.f.properties.name.length * FONT + 4;
          var own = ((item.b.box[2] - item.b.box[0]) / (shape.box[2] - shape.box[0])) * drawnW;
          var rect = [x - w / 2, y - FONT, x + w / 2, y + FONT];
          var clash = placed.some(function (r) { return rect[0] < r[2] && r[0] < rect[2] && rect[1] < r[3] && r[1] < rect[3]; });
          if (!clash && own >= w * 0.8) {
            placed.push(rect);
            labelled[item.f.properties.name] = true;
          }
        });
    }
    var chart = init(el, {
      legend: { show: false },
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          return fill(gettext("%(name)s：%(n)s 家"), { name: escName(p.name), n: fmt(counts[p.name] || 0) });
        },
      },
      series: [
        {
          type: "map",
          map: name,
          roam: false,
          selectedMode: false,
          showLegendSymbol: false,
          aspectScale: shape.scale,
          layoutCenter: ["50%", "50%"],
          layoutSize: "98%", // of the box's shorter side: the outline keeps its proportions
          label: { show: !!city, fontSize: FONT, color: "#1f1f1f" },
          itemStyle: { borderColor: "#ffffff", borderWidth: 0.8 },
          emphasis: { label: { show: true, fontSize: FONT }, itemStyle: { areaColor: "#E69F00" } },
          data: features.map(function (f) {
            var n = counts[f.properties.name] || 0;
            var color = classOf(list, n).color;
            var dark = color === SCALE[2] || color === SCALE[3];
            return {
              name: f.properties.name,
              value: n,
              itemStyle: { areaColor: color },
              label: { show: !!labelled[f.properties.name], color: dark ? "#ffffff" : "#1f1f1f" },
            };
          }),
        },
      ],
    });
    el.dataset.level = city ? "city" : "province";
    el.dataset.shownCity = city || "";
    drawLegend(el, list);
    var total = shown.reduce(function (a, b) { return a + b; }, 0);
    crumbs(el, city ? { name: city, total: total } : null, function () {
      var box = el.parentNode.querySelector('[data-units="map"]');
      if (box) box.hidden = true;
      drawMap(el, data, "");
    });
    chart.on("click", function (p) {
      if (!p.name) return;
      var feature = features.find(function (f) { return f.properties.name === p.name; });
      if (!city && feature) drawMap(el, data, feature.properties.city);
      else listUnits(el, p.name);
    });
    return chart;
  }

  // The vendored map is stored in ECharts' compact encoding (scripts/build_zhejiang_map.mjs): decode it
  // once, so that the page can measure and filter the features (ECharts takes plain GeoJSON too).
  function decodeRing(text, offsets, scale) {
    var result = [];
    var x = offsets[0];
    var y = offsets[1];
    for (var i = 0; i < text.length; i += 2) {
      var dx = text.charCodeAt(i) - 64;
      var dy = text.charCodeAt(i + 1) - 64;
      x += (dx >> 1) ^ -(dx & 1);
      y += (dy >> 1) ^ -(dy & 1);
      result.push([x / scale, y / scale]);
    }
    return result;
  }

  function decoded(json) {
    if (!json.UTF8Encoding) return json;
    var scale = json.UTF8Scale || 1024;
    json.features.forEach(function (f) {
      var g = f.geometry;
      if (g.type === "Polygon") {
        g.coordinates = g.coordinates.map(function (ring, i) { return decodeRing(ring, g.encodeOffsets[i], scale); });
      } else {
        g.coordinates = g.coordinates.map(function (rings, j) {
          return rings.map(function (ring, i) { return decodeRing(ring, g.encodeOffsets[j][i], scale); });
        });
      }
      delete g.encodeOffsets;
    });
    json.UTF8Encoding = false;
    return json;
  }

  // --- the charts -----------------------------------------------------------------------------

  var draw = {
    map: function (el, data) {
      var load = geo
        ? Promise.resolve(geo)
        : fetch(el.dataset.geojson).then(function (response) { return response.json(); });
      return load.then(function (loaded) {
        geo = decoded(loaded);
        return drawMap(el, data, el.dataset.city || "");
      });
    },

    "pilots-city": function (el, data) {
      var cities = data.by_city.map(function (r) { return r.label; });
      var kinds = [];
      data.by_city_kind.forEach(function (r) {
        if (kinds.indexOf(r.kind_label) === -1) kinds.push(r.kind_label);
      });
      var series = kinds.map(function (kind) {
        var values = cities.map(function () { return 0; });
        data.by_city_kind.forEach(function (r) {
          if (r.kind_label === kind) values[cities.indexOf(r.city)] = r.count;
        });
        return { type: "bar", name: kind, stack: "kind", data: values };
      });
      init(el, {
        title: { text: gettext("各地级市试点单位（按类型，家）"), left: 0, top: 0, textStyle: { fontSize: 14 } },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { top: narrow() ? 76 : 56, left: 40, right: 10, bottom: narrow() ? 70 : 40 },
        xAxis: { type: "category", data: cities, axisLabel: axisLabel({ interval: 0, rotate: narrow() ? 60 : 0 }) },
        yAxis: { type: "value", minInterval: 1, axisLabel: axisLabel() },
        series: series,
      });
    },

    "pilots-year": function (el, data) {
      var phone = narrow();
      init(el, {
        title: [
          { text: gettext("确定为试点年份（家）"), left: "0%", textStyle: { fontSize: 14 } },
          { text: gettext("试点层级（家）"), left: phone ? "0%" : "52%", top: phone ? "50%" : 0, textStyle: { fontSize: 14 } },
        ],
        legend: { top: phone ? "auto" : 26, bottom: phone ? 0 : "auto", left: "center", data: [gettext("按确定年份"), gettext("按试点层级")] },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: phone
          ? [
              { left: 40, right: 10, top: 30, height: "30%" },
              { left: 40, right: 10, top: "58%", height: "26%" },
            ]
          : [
              { left: 40, right: "53%", top: 60, bottom: 30 },
              { left: "60%", right: 10, top: 60, bottom: 30 },
            ],
        xAxis: [
          { type: "category", gridIndex: 0, data: data.by_year.map(function (r) { return r.label; }), axisLabel: axisLabel() },
          { type: "category", gridIndex: 1, data: data.by_pilot_level.map(function (r) { return r.label; }), axisLabel: axisLabel({ interval: 0 }) },
        ],
        yAxis: [
          { type: "value", gridIndex: 0, minInterval: 1, axisLabel: axisLabel() },
          { type: "value", gridIndex: 1, minInterval: 1, axisLabel: axisLabel() },
        ],
        series: [
          { type: "bar", name: gettext("按确定年份"), xAxisIndex: 0, yAxisIndex: 0, data: data.by_year.map(function (r) { return r.count; }) },
          { type: "bar", name: gettext("按试点层级"), xAxisIndex: 1, yAxisIndex: 1, data: data.by_pilot_level.map(function (r) { return r.count; }) },
        ],
      });
    },

    practices: function (el, data) {
      var rows = [];
      var areas = [];
      data.areas.forEach(function (area) {
        if (areas.indexOf(area.name) === -1) areas.push(area.name);
        area.practices.forEach(function (p) {
          rows.push({ area: area.name, code: p.code, name: p.name, count: p.count, share: p.share });
        });
      });
      rows.reverse(); // the first area at the top of a horizontal bar chart
      var phone = narrow();
      el.style.height = Math.max(360, rows.length * 24 + 110) + "px";
      // One series per area: the legend names the colours.
      var series = areas.map(function (area) {
        return {
          type: "bar",
          name: area,
          stack: "share",
          data: rows.map(function (r) { return r.area === area ? Math.round(r.share * 1000) / 10 : "-"; }),
          label: {
            show: true,
            position: "right",
            fontSize: FONT,
            formatter: function (p) { return Math.round(rows[p.dataIndex].share * 100) + "%"; },
          },
        };
      });
      var chart = init(el, {
        legend: { top: 0, left: 0, textStyle: { fontSize: FONT } },
        tooltip: {
          trigger: "item",
          formatter: function (p) {
            var r = rows[p.dataIndex];
            return esc(r.area) + "<br>" + fill(gettext("%(name)s：%(count)s / %(total)s 家（%(percent)s%）"), { name: esc(r.name), count: r.count, total: data.total, percent: Math.round(r.share * 100) });
          },
        },
        grid: { left: phone ? 130 : 210, right: 44, top: 40, bottom: 30 },
        xAxis: { type: "value", max: 100, axisLabel: axisLabel({ formatter: "{value}%" }) },
        yAxis: { type: "category", data: rows.map(function (r) { return r.name; }), axisLabel: axisLabel({ interval: 0, width: phone ? 120 : 200, overflow: "truncate" }) },
        series: series,
      });
      chart.on("click", function (p) {
        window.location.href = withParam(el.dataset.library, "practice", rows[p.dataIndex].code);
      });
    },

    "indicator-years": function (el, data) {
      var years = data.by_year.map(function (r) { return String(r.year); });
      var unit = data.indicator.unit;
      var kind = data.kind ? data.kind.label : "";
      // Open ranges ("95%以上") are drawn as ▲ at their lower bound, never as a plain point. The
      // points are drawn only when every value is listed (the box plots cover all of them anyway).
      var complete = data.values.length === data.values_count;
      var listed = complete ? data.values : [];
      var point = function (v) { return { value: [String(v.year), v.value], name: v.unit.name + gettext("：") + v.display }; };
      var open = listed.filter(function (v) { return v.open_range; }).map(point);
      var others = listed.filter(function (v) { return !v.open_range; }).map(point);
      var only = years.length === 1 ? fill(gettext("（仅有 %(year)s 年数据）"), { year: years[0] }) : "";
      init(el, {
        title: { text: fill(gettext("%(name)s：各年度分布"), { name: data.indicator.name }) + " · " + kind + only, left: 0, top: 0, textStyle: { fontSize: 14, width: el.clientWidth - 10, overflow: "truncate" } },
        legend: { top: 0, left: 0, data: [gettext("分布（箱线）"), gettext("数值"), gettext("开区间（以上）")], textStyle: { fontSize: FONT } },
        tooltip: {
          trigger: "item",
          formatter: function (p) {
            if (p.seriesType === "boxplot") {
              var r = data.by_year[p.dataIndex];
              var change = r.change && r.change.sum_percent !== null ? "<br>" + fill(gettext("合计比上年 %(change)s%"), { change: (r.change.sum_percent > 0 ? "+" : "") + r.change.sum_percent }) : "";
              return fill(gettext("%(year)s 年（%(kind)s %(n)s 家）"), { year: r.year, kind: esc(kind), n: r.n }) + "<br>" + fill(gettext("中位数 %(value)s"), { value: esc(r.median_display) }) + "<br>" + fill(gettext("四分位 %(q1)s–%(q3)s"), { q1: fmt(r.q1), q3: fmt(r.q3) }) + "<br>" + fill(gettext("合计 %(value)s"), { value: esc(r.sum_display) }) + change + (r.qualified ? "<br>" + fill(gettext("含限定词数值 %(n)s 个"), { n: r.qualified }) : "");
            }
            return esc(p.data.name);
          },
        },
        grid: { top: 64, left: 64, right: 10, bottom: 30 },
        xAxis: { type: "category", data: years, axisLabel: axisLabel() },
        yAxis: { type: "value", name: unit, scale: true, axisLabel: axisLabel({ formatter: function (v) { return fmt(v); } }) },
        series: [
          {
            type: "boxplot",
            name: gettext("分布（箱线）"),
            itemStyle: { color: "#dbe9f6", borderColor: COLORS[0] },
            data: data.by_year.map(function (r) { return [r.min, r.q1, r.median, r.q3, r.max]; }),
          },
          { type: "scatter", name: gettext("数值"), symbolSize: 5, itemStyle: { color: COLORS[4], opacity: 0.7 }, data: others },
          { type: "scatter", name: gettext("开区间（以上）"), symbol: "triangle", symbolSize: 9, itemStyle: { color: COLORS[1] }, data: open },
        ],
      });
    },

    "indicator-cities": function (el, data) {
      if (!data.by_year.length) return;
      // The year asked for when it has values, else the latest (as the page's table).
      var year = Number(el.dataset.year);
      if (!data.by_year.some(function (r) { return r.year === year; })) year = data.by_year[data.by_year.length - 1].year;
      var rows = data.by_city.filter(function (r) { return r.year === year; });
      var percent = data.indicator.value_type === "percent";
      var kind = data.kind ? data.kind.label : "";
      var measure = percent ? gettext("中位数") : gettext("合计");
      init(el, {
        title: { text: fill(gettext("%(year)s 年各地级市%(measure)s"), { year: year, measure: measure }) + " · " + kind, left: 0, top: 0, textStyle: { fontSize: 14 } },
        legend: { top: 0, left: 0, data: [fill(gettext("%(kind)s%(measure)s"), { kind: kind, measure: measure })] },
        tooltip: {
          trigger: "axis",
          formatter: function (p) {
            var r = rows[p.dataIndex];
            return fill(gettext("%(city)s（%(kind)s %(n)s 家）"), { city: escName(r.city), kind: esc(kind), n: r.n }) + "<br>" + fill(gettext("合计 %(value)s"), { value: esc(r.sum_display) }) + "<br>" + fill(gettext("中位数 %(value)s"), { value: esc(r.median_display) }) + (r.qualified ? "<br>" + fill(gettext("含限定词数值 %(n)s 个"), { n: r.qualified }) : "");
          },
        },
        grid: { top: 60, left: 64, right: 10, bottom: narrow() ? 60 : 40 },
        xAxis: { type: "category", data: rows.map(function (r) { return r.city; }), axisLabel: axisLabel({ interval: 0, rotate: narrow() ? 60 : 0 }) },
        yAxis: { type: "value", name: data.indicator.unit, axisLabel: axisLabel({ formatter: function (v) { return fmt(v); } }) },
        series: [{ type: "bar", name: kind + measure, data: rows.map(function (r) { return percent ? r.median : r.sum; }) }],
      });
    },

    "compare-practices": function (el, data) {
      var rows = data.practices.slice().reverse();
      el.style.height = Math.max(360, rows.length * 30 + 110) + "px";
      init(el, {
        title: { text: fill(gettext("做法采用比例：%(a)s 与 %(b)s"), { a: data.first, b: data.second }), names: [data.first, data.second], left: 0, top: 0, textStyle: { fontSize: 14 } },
        legend: { top: 0, left: 0, data: [data.first, data.second] },
        tooltip: {
          trigger: "axis",
          axisPointer: { type: "shadow" },
          formatter: function (p) {
            var r = rows[p.dataIndex];
            return esc(r.name) + "<br>" + escName(data.first) + " " + r.first.percent + "%<br>" + escName(data.second) + " " + r.second.percent + "%<br>" + fill(gettext("差 %(d)s 个百分点"), { d: (r.difference > 0 ? "+" : "") + r.difference });
          },
        },
        grid: { left: narrow() ? 130 : 210, right: 44, top: 60, bottom: 30 },
        xAxis: { type: "value", max: 100, axisLabel: axisLabel({ formatter: "{value}%" }) },
        yAxis: { type: "category", data: rows.map(function (r) { return r.name; }), axisLabel: axisLabel({ interval: 0, width: narrow() ? 120 : 200, overflow: "truncate" }) },
        series: [
          { type: "bar", name: data.first, itemStyle: { color: COLORS[0] }, data: rows.map(function (r) { return r.first.percent; }) },
          { type: "bar", name: data.second, itemStyle: { color: COLORS[1] }, data: rows.map(function (r) { return r.second.percent; }) },
        ],
      });
    },

    "compare-years": function (el, data) {
      var rows = data.indicator_cities;
      var a = fill(gettext("%(year)s 年"), { year: data.first });
      var b = fill(gettext("%(year)s 年"), { year: data.second });
      init(el, {
        title: { text: fill(gettext("%(name)s中位数：%(a)s与%(b)s"), { name: data.indicator.name, a: a, b: b }) + " · " + data.kind.label, left: 0, top: 0, textStyle: { fontSize: 14 } },
        legend: { top: 0, left: 0, data: [a, b] },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { top: 60, left: 64, right: 10, bottom: narrow() ? 60 : 40 },
        xAxis: { type: "category", data: rows.map(function (r) { return r.city; }), axisLabel: axisLabel({ interval: 0, rotate: narrow() ? 60 : 0 }) },
        yAxis: { type: "value", name: data.indicator.unit, axisLabel: axisLabel({ formatter: function (v) { return fmt(v); } }) },
        series: [
          { type: "bar", name: a, itemStyle: { color: COLORS[0] }, data: rows.map(function (r) { return r.first ? r.first.median : 0; }) },
          { type: "bar", name: b, itemStyle: { color: COLORS[1] }, data: rows.map(function (r) { return r.second ? r.second.median : 0; }) },
        ],
      });
    },

    reporting: function (el, data) {
      var labels = data.rows.map(function (r) { return r.label; });
      var keys = [["expected", gettext("应报")], ["submitted", gettext("已报送")], ["approved", gettext("已通过")], ["overdue", gettext("逾期")]];
      init(el, {
        legend: { top: 0, left: 0, textStyle: { fontSize: FONT } },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { top: 40, left: 40, right: 10, bottom: narrow() || labels.length > 12 ? 90 : 40 },
        xAxis: { type: "category", data: labels, axisLabel: axisLabel({ interval: 0, rotate: narrow() || labels.length > 12 ? 60 : 0 }) },
        yAxis: { type: "value", minInterval: 1, axisLabel: axisLabel() },
        series: keys.map(function (k) {
          return { type: "bar", name: k[1], itemStyle: { color: SEMANTIC[k[0]] }, data: data.rows.map(function (r) { return r[k[0]]; }) };
        }),
      });
    },
  };

  // --- exports: a PNG that stands alone ------------------------------------------------------

  function loadImage(url) {
    return new Promise(function (resolve, reject) {
      var image = new Image();
      image.onload = function () { resolve(image); };
      image.onerror = reject;
      image.src = url;
    });
  }

  // PNG text chunks (iTXt, UTF-8): the title and the context travel inside the file too.
  var CRC_TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  function withText(dataUrl, fields) {
    var binary = atob(dataUrl.split(",")[1]);
    var png = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) png[i] = binary.charCodeAt(i);
    var encoder = new TextEncoder();
    var chunks = Object.keys(fields).map(function (key) {
      var body = encoder.encode("iTXt" + key + "\0\0\0\0\0" + fields[key]);
      var chunk = new Uint8Array(body.length + 8);
      var view = new DataView(chunk.buffer);
      view.setUint32(0, body.length - 4);
      chunk.set(body, 4);
      view.setUint32(body.length + 4, crc32(body));
      return chunk;
    });
    var at = 33; // after the signature (8) and IHDR (25)
    var size = png.length + chunks.reduce(function (n, c) { return n + c.length; }, 0);
    var out = new Uint8Array(size);
    out.set(png.subarray(0, at), 0);
    var offset = at;
    chunks.forEach(function (c) {
      out.set(c, offset);
      offset += c.length;
    });
    out.set(png.subarray(at), offset);
    return new Blob([out], { type: "image/png" });
  }

  function wrap(ctx, text, width) {
    var lines = [];
    var line = "";
    Array.from(text).forEach(function (ch) {
      if (ctx.measureText(line + ch).width > width && line) {
        lines.push(line);
        line = ch;
      } else line += ch;
    });
    if (line) lines.push(line);
    return lines;
  }

  // The chart with its title, the filters in words, the data's date, the source and the portal's
  // name above and below it (and the map's legend), as one PNG named in Chinese.
  function exportPng(button) {
    var key = button.dataset.png;
    return ensureDrawn(key).then(function () {
      return charts[key] ? pngOf(button, key, charts[key]) : null;
    });
  }

  function pngOf(button, key, chart) {
    var context = read("data-context") || {};
    var ratio = 2;
    return loadImage(chart.getDataURL({ type: "png", pixelRatio: ratio, backgroundColor: "#fff" })).then(function (image) {
      var width = image.width;
      var pad = 16 * ratio;
      var canvas = document.createElement("canvas");
      var ctx = canvas.getContext("2d");
      var font = function (size, bold) { return (bold ? "bold " : "") + size * ratio + "px 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"; };
      var title = button.dataset.title || key;
      var place = context.place || "浙江省";
      ctx.font = font(13);
      var info = wrap(ctx, fill(gettext("筛选：%(filters)s"), { filters: context.filters || gettext("无") }) + (context.kind ? " · " + fill(gettext("统计单位：%(kind)s"), { kind: context.kind }) : ""), width - 2 * pad);
      var legend = key === "map" ? Array.from(document.querySelectorAll('[data-legend="map"] li')) : [];
      var mapCity = key === "map" ? document.querySelector('[data-chart="map"]').dataset.shownCity : "";
      var header = pad + 22 * ratio + info.length * 20 * ratio + 8 * ratio;
      var footer = (legend.length ? 28 * ratio : 0) + 2 * 20 * ratio + pad;
      canvas.width = width;
      canvas.height = header + image.height + footer;
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = "#1f1f1f";
      ctx.textBaseline = "top";
      ctx.font = font(18, true);
      ctx.fillText(title + " · " + (mapCity || place), pad, pad);
      ctx.font = font(13);
      info.forEach(function (line, i) { ctx.fillText(line, pad, pad + 28 * ratio + i * 20 * ratio); });
      ctx.drawImage(image, 0, header);
      var y = header + image.height + 4 * ratio;
      var x = pad;
      legend.forEach(function (item) {
        ctx.fillStyle = item.querySelector(".swatch").style.background;
        ctx.fillRect(x, y + 2 * ratio, 14 * ratio, 14 * ratio);
        ctx.fillStyle = "#1f1f1f";
        ctx.fillText(item.textContent, x + 18 * ratio, y);
        x += ctx.measureText(item.textContent).width + 34 * ratio;
      });
      if (legend.length) y += 28 * ratio;
      ctx.fillStyle = "#555";
      ctx.fillText(fill(gettext("数据日期：%(date)s"), { date: context.data_date || "" }) + " · " + fill(gettext("导出：%(date)s"), { date: context.today || "" }) + " · " + (context.source || ""), pad, y);
      ctx.fillText((context.portal || "") + " · " + window.location.href.split("#")[0], pad, y + 20 * ratio, width - 2 * pad);
      var name = gettext("统计概览") + "-" + (button.dataset.name || title) + "-" + (mapCity || place) + "-" + (context.today || "") + ".png";
      var blob = withText(canvas.toDataURL("image/png"), {
        Title: title + " · " + (mapCity || place),
        Description: fill(gettext("筛选：%(filters)s"), { filters: context.filters || "" }) + gettext("；") + fill(gettext("数据日期：%(date)s"), { date: context.data_date || "" }),
        Source: (context.source || "") + " · " + (context.portal || ""),
      });
      return { url: URL.createObjectURL(blob), name: name };
    });
  }

  function pngButtons(root) {
    root.querySelectorAll("[data-png]").forEach(function (button) {
      button.hidden = false;
      if (button.dataset.bound) return;
      button.dataset.bound = "true";
      button.addEventListener("click", function () {
        exportPng(button).then(function (file) {
          if (!file) return;
          var link = document.createElement("a");
          link.href = file.url;
          link.download = file.name;
          document.body.appendChild(link);
          link.click();
          link.remove();
        });
      });
    });
  }

  // --- drawing the panels, and redrawing them when a filter changes ------------------------------

  // Which answer of the API each chart draws.
  var PANEL_OF = {
    "compare-practices": "compare",
    "compare-years": "compare",
    map: "map",
    "pilots-city": "pilots",
    "pilots-year": "pilots",
    practices: "practices",
    "indicator-years": "indicators",
    "indicator-cities": "indicators",
    reporting: "reporting",
  };

  var shown = {}; // each chart's data as last drawn (a resize draws the map again from it)

  function drawChart(el, data) {
    var drawer = draw[el.dataset.chart];
    if (!data || !drawer) return Promise.resolve();
    shown[el.dataset.chart] = data;
    try {
      return Promise.resolve(drawer(el, data)).catch(function (error) {
        el.textContent = fill(gettext("图表未能绘制：%(error)s"), { error: error });
      });
    } catch (error) {
      el.textContent = fill(gettext("图表未能绘制：%(error)s"), { error: error });
      return Promise.resolve();
    }
  }

  // A chart far below the viewport is drawn when it comes near (the first charts paint sooner).
  var waiting = new Map();
  var drawing = new Map(); // charts whose drawing has begun and not ended
  var watcher =
    "IntersectionObserver" in window
      ? new IntersectionObserver(
          function (entries) {
            entries.forEach(function (entry) {
              if (!entry.isIntersecting || !waiting.has(entry.target)) return;
              var job = waiting.get(entry.target);
              waiting.delete(entry.target);
              watcher.unobserve(entry.target);
              job();
            });
          },
          { rootMargin: "300px 0px" }
        )
      : null;

  function nearViewport(el) {
    var box = el.getBoundingClientRect();
    return box.top < window.innerHeight + 300 && box.bottom > -300;
  }

  function schedule(el, data, lazy) {
    var job = function () {
      // Kept while it draws: a PNG asked for meanwhile waits for it (ensureDrawn).
      var drawn = drawChart(el, data).then(function () {
        if (drawing.get(el) === drawn) drawing.delete(el);
      });
      drawing.set(el, drawn);
      return drawn;
    };
    if (waiting.has(el)) {
      waiting.delete(el);
      watcher.unobserve(el);
    }
    if (!lazy || !watcher || nearViewport(el)) return job();
    el.dataset.drawn = "later";
    waiting.set(el, job);
    watcher.observe(el);
    return Promise.resolve();
  }

  // A chart not drawn yet (still below the viewport) is drawn now: its PNG is asked for. A chart
  // being drawn (the click that asks scrolled it into view, and the watcher began it) is waited for.
  function ensureDrawn(key) {
    var el = document.querySelector('[data-chart="' + key + '"]');
    if (el && waiting.has(el)) {
      var job = waiting.get(el);
      waiting.delete(el);
      watcher.unobserve(el);
      return Promise.resolve(job());
    }
    return Promise.resolve(el && drawing.get(el));
  }

  // Draws every chart of ``root``: from the API's answers (``answers``, by panel) where there is one,
  // else from the data the page embeds.
  function drawAll(root, answers, lazy) {
    waiting.forEach(function (_job, el) {
      if (!document.body.contains(el)) {
        waiting.delete(el);
        watcher.unobserve(el);
      }
    });
    Object.keys(charts).forEach(function (key) {
      if (!document.body.contains(charts[key].getDom())) {
        charts[key].dispose();
        delete charts[key];
      }
    });
    var pending = [];
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var panel = PANEL_OF[el.dataset.chart];
      var data = answers && panel && answers[panel] ? answers[panel] : read(el.dataset.source);
      var block = el.closest("[data-when]");
      if (!data || !draw[el.dataset.chart] || (block && block.hidden)) return;
      pending.push(schedule(el, data, lazy));
      // The chart now shows what the table holds: fold the table (it stays one click away).
      var table = el.parentNode.querySelector("details.data-table");
      if (table) table.open = false;
    });
    root.querySelectorAll(".js-only").forEach(function (node) {
      if (!node.dataset.legend && !node.dataset.units && !node.dataset.crumbs) node.hidden = false;
    });
    root.querySelectorAll(".no-js-only").forEach(function (node) {
      node.hidden = true;
    });
    pngButtons(root);
    return Promise.all(pending);
  }

  var form = document.getElementById("dash-filters");
  var rootNode = document.getElementById("dash-root");
  var setup = read("dash-script") || { filters: {}, places: [], practice_kinds: [], urls: {} };
  var urls = setup.urls;
  var chineseUi = (document.documentElement.lang || "zh").indexOf("zh") === 0;

  // --- the panels' lines and tables, built from the API's answers ----------------------------------
  // Every text from the data goes in as a text node (textContent): data never becomes markup.

  // An element with its properties and children (strings become text nodes).
  function h(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "dataset") Object.assign(node.dataset, props.dataset);
      else if (key === "className" || key === "href" || key === "hidden" || key === "type" || key === "lang" || key === "value" || key === "selected" || key === "textContent") node[key] = props[key];
      else node.setAttribute(key, props[key]);
    });
    append(node, children);
    return node;
  }
  function append(node, children) {
    [].concat(children === undefined || children === null ? [] : children).forEach(function (child) {
      if (child === null || child === undefined || child === "") return;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }
  // A name (place, unit) kept as printed, marked as Chinese outside the Chinese UI (the "zh" filter).
  function zh(name) {
    return chineseUi ? document.createTextNode(String(name || "")) : chineseName(String(name || ""));
  }
  // A remark in brackets: "（x）" in Chinese, " (x)" in English (the "parens" filter).
  function parens(content) {
    var span = document.createDocumentFragment();
    return append(span, chineseUi ? ["（", content, "）"] : [" (", content, ")"]);
  }
  function unitCount(n) {
    return fill(ngettext("%(n)s 家", "%(n)s 家", n), { n: n });
  }
  function covers(n) {
    return fill(ngettext("覆盖 %(n)s 家单位", "覆盖 %(n)s 家单位", n), { n: n });
  }
  function joined(items, separator) {
    var out = [];
    items.forEach(function (item, i) {
      if (i) out.push(separator);
      out.push(item);
    });
    return out;
  }
  function fillIn(node, children) {
    if (!node) return null;
    node.textContent = "";
    return append(node, children);
  }
  function slot(section, name) {
    return section.querySelector('[data-slot="' + name + '"]');
  }
  function rows(section, name, list, cells) {
    var body = section.querySelector('[data-rows="' + name + '"]');
    if (!body) return;
    body.textContent = "";
    list.forEach(function (item) {
      var tr = h("tr");
      cells(item).forEach(function (cell) {
        tr.appendChild(cell instanceof Node && /^(TD|TH)$/.test(cell.nodeName) ? cell : h("td", {}, cell));
      });
      if (item && item.counted === false) tr.className = "muted";
      body.appendChild(tr);
    });
  }
  function td(className, content) {
    return h("td", { className: className }, content);
  }
  function link(href, content) {
    return h("a", { href: href }, content);
  }
  function caseUrl(id) {
    return urls.case.replace(/0\/$/, id + "/");
  }
  function articleUrl(id) {
    return urls.article.replace(/0\/$/, id + "/");
  }
  // Shown when the panel has something to show, else its "nothing" line.
  function when(section, key, shown) {
    var block = section.querySelector('[data-when="' + key + '"]');
    if (block) block.hidden = !shown;
    var empty = section.querySelector("[data-empty]");
    if (empty) empty.hidden = shown;
  }

  // The library's filters of a query, in the FilterSet's order (as selectors.filter_pairs).
  function filterPairs(params, without, extra) {
    var pairs = [];
    Object.keys(setup.filters).forEach(function (name) {
      if ((without || []).indexOf(name) !== -1) return;
      var values = params.getAll(name).filter(Boolean);
      if (!values.length && extra && extra[name]) values = extra[name];
      values.forEach(function (value) {
        pairs.push([name, value]);
      });
    });
    return pairs;
  }
  function encode(pairs) {
    return new URLSearchParams(pairs).toString();
  }
  function withQuery(url, pairs) {
    return url + "?" + encode(pairs);
  }
  // A library link with one more filter ("…?city=杭州市&county=…").
  function libraryWith(query, name, value) {
    return urls.library + "?" + query + (query ? "&" : "") + encodeURIComponent(name) + "=" + encodeURIComponent(value);
  }

  // The filters in words (workbook.filters_listed): each filter's label and its values as the form shows them.
  function filtersListed(params) {
    var listed = [];
    Object.keys(setup.filters).forEach(function (name) {
      var values = params.getAll(name).filter(Boolean);
      if (!values.length) return;
      var field = visible(name);
      var words = values.map(function (value) {
        var chip = chipFor(name, value);
        if (chip) return chip.dataset.words;
        var option = field && field.options ? Array.from(field.options).find(function (o) { return o.value === value; }) : null;
        return option ? option.textContent.trim() : value;
      });
      listed.push({ label: setup.filters[name], values: words, places: setup.places.indexOf(name) !== -1 });
    });
    return listed;
  }

  function renderSummary(params, indicators) {
    var listed = filtersListed(params);
    var line = [gettext("筛选"), gettext("：")];
    if (!listed.length) line.push(gettext("全省，未筛选"));
    listed.forEach(function (item, i) {
      if (i) line.push(gettext("；"));
      line.push(item.label, gettext("："));
      line = line.concat(joined(item.places ? item.values.map(zh) : item.values, gettext("、")));
    });
    fillIn(rootNode.querySelector('[data-slot="filters"]'), line);
    var xlsx = rootNode.querySelector('[data-link="xlsx"]');
    if (xlsx) xlsx.href = urls.workbook + "?" + params.toString();
    // What a PNG carries (workbook.filters_sentence, place_words): the same filters.
    var node = document.getElementById("data-context");
    if (node) {
      var context = JSON.parse(node.textContent);
      context.filters = listed.length
        ? listed.map(function (item) { return fill(gettext("%(name)s：%(value)s"), { name: item.label, value: item.values.join(gettext("、")) }); }).join(gettext("；"))
        : gettext("全省，未筛选");
      context.place = params.get("county") || params.get("city") || "浙江省";
      if (indicators) context.kind = indicators.kind ? indicators.kind.label : "";
      node.textContent = JSON.stringify(context);
    }
  }

  var render = {
    map: function (section, data, params) {
      var filters = encode(filterPairs(params));
      var mapQuery = encode(filterPairs(params, ["city", "county", "region"]));
      var line = [covers(data.total), gettext("："), fill(gettext("地图上 %(shown)s 家"), { shown: data.on_map })];
      if (data.off_map.length) {
        line.push(gettext("，"), gettext("地图未绘出的区划"), " ");
        line = line.concat(joined(data.off_map.map(function (row) { return append(document.createDocumentFragment(), [zh(row.region), " ", unitCount(row.count)]); }), gettext("、")));
        line.push(parens(gettext("见下方名单")));
      }
      line.push(" · ", link(urls.library + "?" + filters, gettext("在案例库中查看")));
      fillIn(slot(section, "map-covers"), line);
      when(section, "map", data.total > 0);
      var chart = section.querySelector('[data-chart="map"]');
      if (chart) chart.dataset.library = urls.library + "?" + mapQuery;
      var off = slot(section, "map-off");
      if (off) {
        off.hidden = !data.off_map.length;
        fillIn(off, [
          h("h3", {}, gettext("地图未绘出的单位")),
          h("div", { className: "table-scroll" }, h("table", { className: "list" }, [
            h("thead", {}, h("tr", {}, [gettext("区划"), gettext("地级市"), gettext("单位数"), gettext("原因")].map(function (t) { return h("th", {}, t); }))),
            h("tbody", {}, data.off_map.map(function (row) {
              return h("tr", {}, [h("td", {}, zh(row.region)), h("td", {}, zh(row.city)), h("td", {}, String(row.count)), h("td", {}, row.why)]);
            })),
          ])),
          h("ul", { className: "off-map-units" }, data.off_map_units.map(function (unit) {
            return h("li", {}, [link(caseUrl(unit.id), zh(unit.name)), parens(zh(unit.region || unit.city))]);
          })),
        ]);
      }
      rows(section, "map-cities", data.cities, function (city) {
        return [link(libraryWith(filters, "city", city.name), zh(city.name)), String(city.count)];
      });
      rows(section, "map-counties", data.counties, function (county) {
        return [zh(county.city), link(libraryWith(mapQuery, "county", county.name), zh(county.name)), String(county.count)];
      });
      csv(section, "map", withQuery(urls.map, filterPairs(params).concat([["format", "csv"]])));
    },

    pilots: function (section, data, params) {
      var line = [covers(data.total)];
      if (data.by_kind.length) {
        line.push(gettext("："));
        line = line.concat(joined(data.by_kind.map(function (row) { return row.label + " " + unitCount(row.count); }), gettext("、")));
      }
      fillIn(slot(section, "pilots-covers"), line);
      when(section, "pilots", data.total > 0);
      var dimensions = [["by_city", gettext("地级市")], ["by_kind", gettext("类型")], ["by_pilot_level", gettext("试点层级")], ["by_year", gettext("确定为试点年份")]];
      var list = [];
      dimensions.forEach(function (d) {
        data[d[0]].forEach(function (row) { list.push({ key: d[0], dimension: d[1], row: row }); });
      });
      rows(section, "pilots", list, function (item) {
        return [item.dimension, item.key === "by_city" ? zh(item.row.label) : item.row.label, String(item.row.count)];
      });
      csv(section, "pilots", withQuery(urls.pilots, filterPairs(params).concat([["format", "csv"]])));
    },

    practices: function (section, data, params) {
      var byDefault = !params.getAll("kind").filter(Boolean).length;
      fillIn(
        slot(section, "practices-covers"),
        byDefault ? [fill(gettext("街道总工会 %(n)s 家"), { n: data.total }), " · ", gettext("未选类型时统计街道总工会")] : [covers(data.total)]
      );
      when(section, "practices", data.total > 0);
      var pairs = filterPairs(params, [], { kind: setup.practice_kinds });
      var library = withQuery(urls.library, pairs);
      var chart = section.querySelector('[data-chart="practices"]');
      if (chart) chart.dataset.library = library;
      var list = [];
      data.areas.forEach(function (area) {
        area.practices.forEach(function (p) { list.push({ area: area.name, p: p }); });
      });
      rows(section, "practices", list, function (item) {
        return [item.area, link(library + "&practice=" + encodeURIComponent(item.p.code), item.p.name), append(document.createDocumentFragment(), [item.p.count + " / " + data.total, parens(item.p.percent + "%")])];
      });
      section.querySelectorAll('[data-slot="adoption"]').forEach(function (box) {
        adoption(box, data, box.dataset.key);
      });
      csv(section, "practices", withQuery(urls.practices, pairs.concat([["format", "csv"]])));
    },

    indicators: function (section, data, params) {
      var unit = (data.indicator.unit || "").trim();
      fillIn(slot(section, "indicator-title"), unit ? fill(gettext("指标：%(name)s（%(unit)s）"), { name: data.indicator.name, unit: unit }) : fill(gettext("指标：%(name)s"), { name: data.indicator.name }));
      var kinds = section.querySelector("p.kinds");
      var select = kinds && kinds.querySelector('select[name="indicator_kind"]');
      // A kind asked for that has no values stays chosen, saying so (not silently another kind).
      var unoffered = params.get("indicator_kind") && data.kind.code && !data.kinds.some(function (row) { return row.kind === data.kind.code; });
      if (kinds) kinds.hidden = !data.kinds.length && !unoffered;
      if (select) {
        fillIn(select, (unoffered ? [h("option", { value: data.kind.code, selected: true }, fill(gettext("%(label)s（无数值）"), { label: data.kind.label }))] : []).concat(data.kinds.map(function (row) {
          return h("option", { value: row.kind, selected: row.kind === data.kind.code }, fill(gettext("%(label)s（%(units)s 家，%(values)s 个数值）"), row));
        })));
        select.value = data.kind.code;
      }
      var kind = data.kind ? data.kind.label : "";
      var line = [fill(gettext("%(kind)s %(n)s 家"), { kind: kind, n: data.units }), " · ", fill(gettext("%(n)s 个数值（年度报告与导入数据，仅已发布）"), { n: data.values_count })];
      if (data.years.length === 1) line.push(" · ", h("strong", { className: "only-year" }, fill(gettext("仅有 %(year)s 年数据"), { year: data.years[0] })));
      fillIn(slot(section, "indicator-covers"), line);
      when(section, "indicators", data.values_count > 0);
      fillIn(slot(section, "indicator-years-caption"), fill(gettext("各年度（%(kind)s）"), { kind: kind }));
      rows(section, "indicator-years", data.by_year, function (row) {
        var change = row.change ? (row.change.sum_percent !== null && row.change.sum_percent !== undefined ? row.change.sum_percent + "%" : "") : "—";
        return [String(row.year), String(row.n), td("value", row.sum_display), td("value", row.median_display), change, String(row.qualified)];
      });
      var years = data.years.length ? data.years : data.by_year.map(function (r) { return r.year; });
      var asked = Number(params.get("year"));
      var year = years.indexOf(asked) !== -1 ? asked : years[years.length - 1];
      fillIn(slot(section, "indicator-cities-caption"), fill(gettext("各地级市（%(year)s 年，%(kind)s）"), { year: year === undefined ? "" : year, kind: kind }));
      rows(section, "indicator-cities", data.by_city.filter(function (r) { return r.year === year; }), function (row) {
        return [zh(row.city), String(row.year), String(row.n), td("value", row.sum_display), td("value", row.median_display), String(row.qualified)];
      });
      fillIn(slot(section, "indicator-values-caption"), fill(gettext("逐单位数值（共 %(n)s 条，此处列出前 100 条，完整数据见 CSV）"), { n: data.values_count }));
      rows(section, "indicator-values", data.values.slice(0, 100), function (row) {
        var source = row.source.article ? link(articleUrl(row.source.article), zh(row.source.label)) : row.source.label;
        return [link(caseUrl(row.unit.id), zh(row.unit.name)), String(row.year), td("value", row.display), row.qualifier_display, source];
      });
      var pairs = filterPairs(params).concat([["indicator", data.indicator.code]]);
      if (params.get("indicator_kind")) pairs.push(["indicator_kind", params.get("indicator_kind")]);
      csv(section, "indicators", withQuery(urls.indicators, pairs.concat([["format", "csv"]])));
      csv(section, "indicator_cities", withQuery(urls.indicators, pairs.concat([["table", "cities"], ["format", "csv"]])));
    },

    compare: function (section, data) {
      var regions = data.mode === "regions";
      var a = regions ? zh(data.first) : String(data.first);
      var b = regions ? zh(data.second) : String(data.second);
      var title = h("h2");
      fillNodes(title, regions ? gettext("对比：%(a)s 与 %(b)s") : gettext("对比：%(a)s 年与 %(b)s 年"), { a: a, b: b });
      var key = regions ? "compare-practices" : "compare-years";
      var chart = h("div", { className: "chart", dataset: { chart: key }, role: "img", "aria-label": regions ? gettext("两地做法采用比例对比") : gettext("两个年度各地级市中位数对比") });
      var button = h("button", { type: "button", className: "link js-only", dataset: { png: key, name: regions ? pgettext("file name", "对比-做法") : pgettext("file name", "对比-年度"), title: regions ? gettext("做法采用对比") : gettext("年度对比") } }, "PNG");
      var side = function (value) { return regions ? zh(value) : String(value === null ? "" : value); };
      var table = function (captionText, first, list, cells) {
        return h("table", { className: "list compare" }, [
          h("caption", {}, captionText),
          h("thead", {}, h("tr", {}, [h("th", {}, first), h("th", {}, side(data.first)), h("th", {}, side(data.second)), h("th", {}, list.head)])),
          h("tbody", {}, list.rows.map(function (row) { return h("tr", {}, cells(row).map(function (c) { return h("td", {}, c); })); })),
        ]);
      };
      var displays = function (row) {
        return [row.first ? row.first.display : "—", row.second ? row.second.display : "—", row.difference_display];
      };
      var names = { name: data.indicator.name, kind: data.kind.label };
      var tables = regions
        ? [
            table(gettext("做法采用比例"), gettext("做法"), { head: gettext("差（百分点）"), rows: data.practices }, function (row) { return [row.name, row.first.display, row.second.display, row.difference_display]; }),
            table(fill(gettext("%(name)s（%(kind)s）各年度"), names), gettext("年份"), { head: gettext("中位数之差"), rows: data.indicator_years }, function (row) { return [String(row.year)].concat(displays(row)); }),
          ]
        : [table(fill(gettext("%(name)s（%(kind)s）各地级市"), names), gettext("地级市"), { head: gettext("中位数之差"), rows: data.indicator_cities }, function (row) { return [zh(row.city)].concat(displays(row)); })];
      fillIn(section, [title, chart, h("div", { className: "downloads" }, button), h("div", { className: "table-scroll" }, tables)]);
      section.hidden = false;
      pngButtons(section);
    },

    reporting: function (section, data, params) {
      fillIn(slot(section, "reporting-title"), fillNodes(document.createDocumentFragment(), gettext("报送进度：%(name)s · %(year)s年度"), { name: zh(data.region.name), year: data.year }));
      fillIn(slot(section, "reporting-covers"), [
        fill(ngettext("应报 %(n)s 家单位", "应报 %(n)s 家单位", data.total.expected), { n: data.total.expected }),
        " · ", gettext("报送率"), " " + data.total.rate + "% · ",
        link(urls.reporting_rate + "?year=" + data.year, gettext("报送率页面")),
      ]);
      var years = Array.from(visible("year").options).map(function (o) { return o.value; }).filter(Boolean);
      var others = Array.from(params.entries()).filter(function (pair) { return pair[0] !== "year" && pair[1]; });
      var line = slot(section, "reporting-years");
      if (line) {
        line.hidden = !years.length;
        fillIn(line, [gettext("年度：")].concat(joined(years.map(function (y) {
          return Number(y) === data.year ? h("strong", {}, y) : h("a", { href: "?" + encode(others.concat([["year", y]])) + "#panel-reporting", dataset: { year: y } }, y);
        }), " · ")));
      }
      when(section, "reporting", data.total.expected > 0);
      rows(section, "reporting", data.rows, function (row) {
        return [zh(row.label), String(row.expected), String(row.submitted), String(row.approved), String(row.overdue), row.rate + "%"];
      });
      var total = section.querySelector('[data-rows="reporting-total"]');
      if (total) {
        fillIn(total, h("tr", {}, [gettext("合计"), String(data.total.expected), String(data.total.submitted), String(data.total.approved), String(data.total.overdue), data.total.rate + "%"].map(function (t) { return h("th", {}, t); })));
      }
      var pairs = filterPairs(params, ["region"]).concat([["region", String(data.region.id)], ["year", String(data.year)], ["format", "csv"]]);
      csv(section, "reporting", withQuery(urls.reporting, pairs));
    },
  };

  function csv(section, key, href) {
    var node = section.querySelector('[data-csv="' + key + '"]');
    if (node) node.href = href;
  }

  // A practice panel's adoption by year as a table (selectors.adoption_table): a row per practice, a
  // column per year (percent and count of that year's units).
  function adoption(box, data, key) {
    var years = data[key] || [];
    var caption = h("caption", {}, box.dataset.caption);
    if (years.length === 1) caption.append(" · ", h("strong", { className: "only-year" }, fill(gettext("仅有 %(year)s 年数据"), { year: years[0].year })));
    else if (!years.length) caption.append(" · ", gettext("无数据"));
    var table = h("table", { className: "list adoption" }, caption);
    if (years.length) {
      table.appendChild(h("thead", {}, h("tr", {}, [h("th", {}, gettext("做法"))].concat(years.map(function (y) { return h("th", {}, [String(y.year), parens(unitCount(y.total))]); })))));
      var body = h("tbody");
      data.areas.forEach(function (area) {
        area.practices.forEach(function (practice) {
          var cells = years.map(function (y) {
            var found = y.practices.find(function (p) { return p.code === practice.code; }) || { count: 0, percent: 0 };
            return h("td", {}, [found.percent + "%", parens(String(found.count))]);
          });
          body.appendChild(h("tr", {}, [h("td", {}, practice.name)].concat(cells)));
        });
      });
      table.appendChild(body);
    }
    fillIn(box, table);
  }

  // The panel a name stands for (its section on the page).
  var SECTION = { map: "panel-map", pilots: "panel-pilots", practices: "panel-practices", indicators: "panel-indicators", compare: "panel-compare", reporting: "panel-reporting" };

  // The filters in force the fields cannot show (views.form_state): chips, each a hidden input the form
  // submits with the rest, so that a change made here keeps them, until their × takes them away.
  var keptBox = form && form.querySelector("[data-kept]");
  var allChips = keptBox ? Array.from(keptBox.querySelectorAll("[data-chip]")) : [];
  // The form's own field of a name (not a chip's hidden input of the same name).
  function visible(name) {
    return form.querySelector('select[name="' + name + '"], input[name="' + name + '"]:not([type="hidden"])');
  }
  function chipFor(name, value) {
    return allChips.find(function (chip) { return chip.dataset.name === name && chip.dataset.value === value; }) || null;
  }
  function showChips(present) {
    if (!keptBox) return;
    allChips.forEach(function (chip) {
      if (present(chip)) keptBox.appendChild(chip);
      else chip.remove();
    });
    keptBox.hidden = !keptBox.querySelector("[data-chip]");
  }
  // A field that holds one value, set here, replaces a chip of the same name (the last value counts).
  function dropChips(name) {
    showChips(function (chip) { return chip.isConnected && !(chip.dataset.name === name && "single" in chip.dataset); });
  }

  // The county list follows the city: only the chosen city's counties are offered.
  function followCity() {
    if (!form) return;
    var city = visible("city").value;
    var county = visible("county");
    Array.from(county.querySelectorAll("optgroup")).forEach(function (group) {
      var show = !city || group.label === city;
      group.hidden = !show;
      group.disabled = !show;
    });
    var chosen = county.selectedOptions[0];
    if (chosen && chosen.dataset.city && city && chosen.dataset.city !== city) county.value = "";
  }

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value) params.append(name, value);
    });
    return params.toString();
  }

  // The state the charts read besides their panel's answer: the city the map shows, the year of the
  // indicator's cities (the server's choice: the one asked for when it has values, else the latest).
  function follow(root) {
    root.querySelectorAll('[data-chart="map"]').forEach(function (el) {
      el.dataset.city = visible("city").value;
    });
    root.querySelectorAll('[data-chart="indicator-cities"]').forEach(function (el) {
      el.dataset.year = visible("year").value;
    });
  }

  // The API's refusals (400: field → messages) above the panels, in the page's words.
  function showErrors(errors) {
    var box = rootNode.querySelector(".errors[data-api-errors]");
    var panels = document.getElementById("dash-panels");
    if (!errors.length) {
      if (box) box.remove();
      if (panels) panels.hidden = false;
      return;
    }
    if (!box) {
      box = h("div", { className: "errors", role: "alert", dataset: { apiErrors: "" } });
      rootNode.insertBefore(box, rootNode.firstChild);
    }
    fillIn(box, errors.map(function (text) { return h("p", {}, text); }));
    if (panels) panels.hidden = true;
  }

  function messages(body) {
    if (!body || typeof body !== "object") return [gettext("请求未能完成。")];
    return Object.keys(body).map(function (field) {
      var text = [].concat(body[field]).join(" ");
      return setup.filters[field] ? setup.filters[field] + "：" + text : text;
    });
  }

  // Each panel's answer from the API, for the filters of ``qs``: its lines, tables and charts redrawn
  // as soon as it arrives. The reporting panel is asked for only where the page shows it (reviewers
  // and staff), the comparison only when one is asked for.
  function fromApi(qs, signal) {
    var params = new URLSearchParams(qs);
    var wanted = ["map", "pilots", "practices", "indicators"];
    if (rootNode.querySelector("#panel-reporting")) wanted.push("reporting");
    var comparing = params.get("compare_city") || params.get("compare_year");
    var compareSection = document.getElementById(SECTION.compare);
    if (comparing) wanted.push("compare");
    else if (compareSection) {
      compareSection.hidden = true;
      compareSection.textContent = "";
    }
    var errors = [];
    follow(rootNode);
    return Promise.all(
      wanted.map(function (panel) {
        return fetch(urls[panel] + (qs ? "?" + qs : ""), { headers: { Accept: "application/json" }, signal: signal, credentials: "same-origin" })
          .then(function (response) {
            return response.json().then(function (body) {
              return { status: response.status, body: body };
            });
          })
          .then(function (answer) {
            if (answer.status === 400) errors = errors.concat(messages(answer.body));
            if (answer.status !== 200) return;
            var section = document.getElementById(SECTION[panel]);
            if (!section) return;
            render[panel](section, answer.body, params);
            if (panel === "indicators") renderSummary(params, answer.body);
            section.querySelectorAll("[data-chart]").forEach(function (el) {
              var block = el.closest("[data-when]");
              if (block && block.hidden) return;
              schedule(el, answer.body, true);
            });
          });
      })
    ).then(function () {
      // The page's data as first embedded is not what is shown any more.
      rootNode.querySelectorAll('script[type="application/json"][id^="data-"]:not(#data-context)').forEach(function (node) {
        node.remove();
      });
      renderSummary(params, null);
      showErrors(errors);
    });
  }

  var loading = null;
  function refresh(push) {
    var qs = query();
    var url = window.location.pathname + (qs ? "?" + qs : "");
    if (push) window.history.pushState({ dashboard: qs }, "", url);
    if (loading) loading.abort();
    loading = new AbortController();
    var signal = loading.signal;
    // A page shown with an error has no panels to redraw: it is asked for again.
    if (!document.getElementById("dash-panels")) {
      window.location.href = url;
      return Promise.resolve();
    }
    rootNode.setAttribute("aria-busy", "true");
    return fromApi(qs, signal)
      .then(function () {
        rootNode.removeAttribute("aria-busy");
        rootNode.dataset.shown = qs;
      })
      .catch(function (error) {
        if (error.name !== "AbortError") window.location.href = url;
      });
  }

  if (form && rootNode && window.fetch && window.history.pushState) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      refresh(true);
    });
    form.addEventListener("click", function (event) {
      var remove = event.target.closest && event.target.closest("[data-remove]");
      if (!remove) return;
      event.preventDefault();
      var gone = remove.closest("[data-chip]");
      showChips(function (chip) { return chip.isConnected && chip !== gone; });
      refresh(true);
    });
    form.addEventListener("change", function (event) {
      if (event.target.value && event.target.type !== "hidden") dropChips(event.target.name);
      if (event.target.name === "city") followCity();
      if (event.target.name === "indicator") {
        // Another indicator: its own kinds (the default is the kind with most values).
        var kind = document.querySelector('select[name="indicator_kind"]');
        if (kind) kind.textContent = "";
      }
      refresh(true);
    });
    // The reporting panel's years: the form's year, redrawn in place.
    rootNode.addEventListener("click", function (event) {
      var year = event.target.closest && event.target.closest("[data-slot='reporting-years'] a[data-year]");
      if (!year) return;
      event.preventDefault();
      visible("year").value = year.dataset.year;
      dropChips("year");
      refresh(true);
    });
    window.addEventListener("popstate", function () {
      var params = new URLSearchParams(window.location.search);
      Array.from(form.elements).forEach(function (field) {
        if (!field.name || field.type === "hidden" || !/^(SELECT|INPUT)$/.test(field.nodeName)) return;
        var values = params.getAll(field.name).filter(Boolean);
        if (field.options) {
          var offered = Array.from(field.options).map(function (o) { return o.value; });
          values = values.filter(function (v) { return offered.indexOf(v) !== -1; });
        }
        field.value = values[0] || "";
      });
      // The chips the URL holds and the fields do not show, in their first order.
      showChips(function (chip) {
        var field = visible(chip.dataset.name);
        return params.getAll(chip.dataset.name).indexOf(chip.dataset.value) !== -1 && !(field && field.value === chip.dataset.value);
      });
      followCity();
      refresh(false);
    });
    followCity();
  }

  drawAll(document, null, true);
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      Object.keys(charts).forEach(function (key) {
        if (key === "map") {
          var el = charts[key].getDom();
          drawMap(el, shown.map, el.dataset.shownCity || "");
        } else charts[key].resize();
      });
    }, 150);
  });
  window.portalDashboards = charts;
  window.portalDashboardsReady = true;
})();

// Draws the dashboards' charts from the data the page embeds with json_script (no inline script:
// the page works under a strict CSP, and every number is also in the panel's table and CSV).
(function () {
  "use strict";
  if (typeof echarts === "undefined") return;

  var COLORS = ["#b3261e", "#d9822b", "#3a7ca5", "#4f9d69", "#8e6c8a", "#c7a32b", "#5b6770", "#e07a5f", "#81b29a", "#3d405b", "#9c6644"];
  var charts = {};
  var narrow = window.matchMedia("(max-width: 40rem)").matches;

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
    return typeof n === "number" ? n.toLocaleString("zh-CN") : n;
  }

  function init(el, option) {
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(Object.assign({ color: COLORS, animation: false, textStyle: { fontFamily: "inherit" } }, option));
    charts[el.dataset.chart] = chart;
    el.dataset.drawn = "true";
    return chart;
  }

  var draw = {
    map: function (el, data) {
      return fetch(el.dataset.geojson)
        .then(function (response) {
          return response.json();
        })
        .then(function (geo) {
          echarts.registerMap("zhejiang", geo);
          var counts = {};
          data.counties.forEach(function (c) {
            counts[c.name] = c.count;
          });
          var max = Math.max.apply(null, data.counties.map(function (c) { return c.count; }).concat([1]));
          var chart = init(el, {
            tooltip: {
              trigger: "item",
              formatter: function (p) {
                return esc(p.name) + "：" + fmt(counts[p.name] || 0) + " 家";
              },
            },
            visualMap: {
              min: 0,
              max: max,
              orient: "horizontal",
              left: "center",
              bottom: 0,
              itemHeight: narrow ? 120 : 200,
              text: ["多", "少"],
              calculable: true,
              inRange: { color: ["#fdf3f2", "#f3c4bd", "#b3261e"] },
            },
            series: [
              {
                type: "map",
                map: "zhejiang",
                roam: false,
                selectedMode: false,
                top: 10,
                bottom: 50,
                left: 0,
                right: 0,
                label: { show: false },
                emphasis: { label: { show: true }, itemStyle: { areaColor: "#ffd166" } },
                data: geo.features.map(function (f) {
                  return { name: f.properties.name, value: counts[f.properties.name] || 0 };
                }),
              },
            ],
          });
          chart.on("click", function (p) {
            if (p.name) window.location.href = withParam(el.dataset.library, "county", p.name);
          });
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
        title: { text: "各地级市（按类型）", left: 0, top: 0, textStyle: { fontSize: 14 } },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { top: 26, left: 0, type: "scroll" },
        grid: { top: 64, left: 40, right: 10, bottom: 50 },
        xAxis: { type: "category", data: cities, axisLabel: { interval: 0, rotate: narrow ? 60 : 0 } },
        yAxis: { type: "value", minInterval: 1 },
        series: series,
      });
    },

    "pilots-year": function (el, data) {
      init(el, {
        title: [
          { text: "确定为试点年份", left: "0%", textStyle: { fontSize: 14 } },
          { text: "试点层级", left: "52%", textStyle: { fontSize: 14 } },
        ],
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: [
          { left: 40, right: "53%", top: 40, bottom: 40 },
          { left: "60%", right: 10, top: 40, bottom: 40 },
        ],
        xAxis: [
          { type: "category", gridIndex: 0, data: data.by_year.map(function (r) { return r.label; }) },
          { type: "category", gridIndex: 1, data: data.by_pilot_level.map(function (r) { return r.label; }), axisLabel: { interval: 0, fontSize: 10 } },
        ],
        yAxis: [
          { type: "value", gridIndex: 0, minInterval: 1 },
          { type: "value", gridIndex: 1, minInterval: 1 },
        ],
        series: [
          { type: "bar", name: "年份", xAxisIndex: 0, yAxisIndex: 0, data: data.by_year.map(function (r) { return r.count; }) },
          { type: "bar", name: "层级", xAxisIndex: 1, yAxisIndex: 1, itemStyle: { color: COLORS[2] }, data: data.by_pilot_level.map(function (r) { return r.count; }) },
        ],
      });
    },

    practices: function (el, data) {
      var rows = [];
      data.areas.forEach(function (area) {
        area.practices.forEach(function (p) {
          rows.push({ area: area.name, code: p.code, name: p.name, count: p.count, share: p.share });
        });
      });
      rows.reverse(); // the first area at the top of a horizontal bar chart
      var areas = [];
      rows.forEach(function (r) {
        if (areas.indexOf(r.area) === -1) areas.push(r.area);
      });
      el.style.height = Math.max(320, rows.length * 22 + 80) + "px";
      var chart = init(el, {
        tooltip: {
          trigger: "item",
          formatter: function (p) {
            var r = rows[p.dataIndex];
            return esc(r.area) + "<br>" + esc(r.name) + "：" + r.count + " / " + data.total + "（" + Math.round(r.share * 100) + "%）";
          },
        },
        grid: { left: narrow ? 120 : 200, right: 50, top: 10, bottom: 30 },
        xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
        yAxis: { type: "category", data: rows.map(function (r) { return r.name; }), axisLabel: { fontSize: 11, width: narrow ? 110 : 190, overflow: "truncate" } },
        series: [
          {
            type: "bar",
            data: rows.map(function (r) {
              return { value: Math.round(r.share * 1000) / 10, itemStyle: { color: COLORS[areas.indexOf(r.area) % COLORS.length] } };
            }),
            label: {
              show: true,
              position: "right",
              fontSize: 10,
              formatter: function (p) { return rows[p.dataIndex].count + "/" + data.total; },
            },
          },
        ],
      });
      chart.on("click", function (p) {
        window.location.href = withParam(el.dataset.library, "practice", rows[p.dataIndex].code);
      });
    },

    "indicator-years": function (el, data) {
      var years = data.by_year.map(function (r) { return String(r.year); });
      var unit = data.indicator.unit;
      // Open ranges ("95%以上") are drawn as ▲ at their lower bound, never as a plain point. The
      // points are drawn only when every value is listed (the box plots cover all of them anyway).
      var complete = data.values.length === data.values_count;
      var listed = complete ? data.values : [];
      var open = listed.filter(function (v) { return v.open_range; }).map(function (v) {
        return { value: [String(v.year), v.value], name: v.unit.name + "：" + v.display };
      });
      var others = listed.filter(function (v) { return !v.open_range; }).map(function (v) {
        return { value: [String(v.year), v.value], name: v.unit.name + "：" + v.display };
      });
      init(el, {
        title: { text: data.indicator.name + "：各年度分布", left: 0, top: 0, textStyle: { fontSize: 14 } },
        legend: { top: 26, left: 0, data: ["分布（箱线）", "数值", "开区间（≥）"] },
        tooltip: {
          trigger: "item",
          formatter: function (p) {
            if (p.seriesType === "boxplot") {
              var r = data.by_year[p.dataIndex];
              return r.year + " 年（" + r.n + " 家）<br>中位数 " + fmt(r.median) + unit + "<br>四分位 " + fmt(r.q1) + "–" + fmt(r.q3) + "<br>合计 " + fmt(r.sum) + unit + (r.qualified ? "<br>含限定词数值 " + r.qualified + " 个" : "");
            }
            return esc(p.data.name);
          },
        },
        grid: { top: 60, left: 60, right: 10, bottom: 30 },
        xAxis: { type: "category", data: years },
        yAxis: { type: "value", name: unit, scale: true },
        series: [
          {
            type: "boxplot",
            name: "分布（箱线）",
            itemStyle: { color: "#fdf3f2", borderColor: COLORS[0] },
            data: data.by_year.map(function (r) { return [r.min, r.q1, r.median, r.q3, r.max]; }),
          },
          { type: "scatter", name: "数值", symbolSize: 5, itemStyle: { color: COLORS[2], opacity: 0.6 }, data: others },
          { type: "scatter", name: "开区间（≥）", symbol: "triangle", symbolSize: 9, itemStyle: { color: COLORS[1] }, data: open },
        ],
      });
    },

    "indicator-cities": function (el, data) {
      if (!data.by_year.length) return;
      var latest = data.by_year[data.by_year.length - 1].year;
      var rows = data.by_city.filter(function (r) { return r.year === latest; });
      var percent = data.indicator.value_type === "percent";
      init(el, {
        title: { text: latest + " 年各地级市" + (percent ? "中位数" : "合计"), left: 0, top: 0, textStyle: { fontSize: 14 } },
        tooltip: {
          trigger: "axis",
          formatter: function (ps) {
            var r = rows[ps[0].dataIndex];
            return esc(r.city) + "（" + r.n + " 家）<br>合计 " + fmt(r.sum) + "<br>中位数 " + fmt(r.median) + (r.qualified ? "<br>含限定词数值 " + r.qualified + " 个" : "");
          },
        },
        grid: { top: 56, left: 60, right: 10, bottom: 50 },
        xAxis: { type: "category", data: rows.map(function (r) { return r.city; }), axisLabel: { interval: 0, rotate: narrow ? 60 : 0 } },
        yAxis: { type: "value", name: data.indicator.unit },
        series: [{ type: "bar", data: rows.map(function (r) { return percent ? r.median : r.sum; }) }],
      });
    },

    reporting: function (el, data) {
      var labels = data.rows.map(function (r) { return r.label; });
      var keys = [["expected", "应报"], ["submitted", "已报送"], ["approved", "已通过"], ["overdue", "逾期"]];
      init(el, {
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { top: 0, left: 0 },
        grid: { top: 40, left: 40, right: 10, bottom: 60 },
        xAxis: { type: "category", data: labels, axisLabel: { interval: 0, rotate: narrow || labels.length > 12 ? 60 : 0, fontSize: 10 } },
        yAxis: { type: "value", minInterval: 1 },
        series: keys.map(function (k) {
          return { type: "bar", name: k[1], data: data.rows.map(function (r) { return r[k[0]]; }) };
        }),
      });
    },
  };

  function pngButtons() {
    document.querySelectorAll("[data-png]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var chart = charts[button.dataset.png];
        if (!chart) return;
        var link = document.createElement("a");
        link.href = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
        link.download = "dashboard-" + button.dataset.png + ".png";
        document.body.appendChild(link);
        link.click();
        link.remove();
      });
    });
  }

  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var data = read(el.dataset.source);
    var drawer = draw[el.dataset.chart];
    if (!data || !drawer) return;
    try {
      Promise.resolve(drawer(el, data)).catch(function (error) {
        el.textContent = "图表未能绘制：" + error;
      });
    } catch (error) {
      el.textContent = "图表未能绘制：" + error;
    }
    // The chart now shows what the table holds: fold the table (it stays one click away).
    var table = el.parentNode.querySelector("details.data-table");
    if (table) table.open = false;
  });
  document.querySelectorAll(".js-only").forEach(function (node) {
    node.hidden = false;
  });
  pngButtons();
  window.addEventListener("resize", function () {
    Object.keys(charts).forEach(function (key) {
      charts[key].resize();
    });
  });
  window.portalDashboards = charts;
})();

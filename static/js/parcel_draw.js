/* The parcel form's map: draw the boundary with Leaflet-Geoman, snapping to the neighbours'
 * boundaries (fetched for the visible area, geometry only), and see its area in the reader's
 * unit while drawing. The drawn shape goes into the form's hidden "geometry" field as
 * GeoJSON; the server checks it (and refuses a crossed boundary) when the form is sent. */
(function () {
  "use strict";
  var R = 6378137;  // WGS 84 semi-major axis, as Leaflet.draw's geodesicArea uses
  var BN = "০১২৩৪৫৬৭৮৯";

  function ringArea(latlngs) {
    // Spherical excess of a ring (m²), good to a fraction of a percent for a field.
    var area = 0, n = latlngs.length;
    if (n < 3) { return 0; }
    for (var i = 0; i < n; i++) {
      var p1 = latlngs[i], p2 = latlngs[(i + 1) % n];
      area += (p2.lng - p1.lng) * Math.PI / 180 *
        (2 + Math.sin(p1.lat * Math.PI / 180) + Math.sin(p2.lat * Math.PI / 180));
    }
    return Math.abs(area * R * R / 2);
  }

  function layerArea(layer) {
    var rings = layer.getLatLngs();
    while (rings.length && Array.isArray(rings[0]) && Array.isArray(rings[0][0])) { rings = rings[0]; }
    if (!rings.length) { return 0; }
    var outer = Array.isArray(rings[0]) ? rings : [rings];
    var total = ringArea(outer[0]);
    for (var i = 1; i < outer.length; i++) { total -= ringArea(outer[i]); }
    return total;
  }

  function shown(value, bangla) {
    var text = value.toLocaleString("en-IN", { maximumFractionDigits: value < 10 ? 3 : 2 });
    return bangla ? text.replace(/[0-9]/g, function (d) { return BN[+d]; }) : text;
  }

  function start() {
    var box = document.getElementById("draw-map");
    if (!box || !window.L) { return; }
    var d = box.dataset;
    var input = document.getElementById(d.geometry);
    var source = document.getElementById(d.source);
    var out = document.getElementById("draw-area-value");
    var map = L.map(box, { pmIgnore: false }).setView([+d.lat, +d.lon], +d.zoom);
    if (d.basemap) {
      L.tileLayer(d.basemap, { attribution: d.attribution, maxZoom: 19 }).addTo(map);
    }
    var neighbours = L.geoJSON(null, {
      pmIgnore: true, snapIgnore: false, interactive: false,
      style: { color: "#555555", weight: 2, fill: true, fillOpacity: 0.1 },
    }).addTo(map);
    var drawn = null;

    function showArea() {
      if (!drawn) { out.textContent = "—"; return; }
      out.textContent = shown(layerArea(drawn) / parseFloat(d.unitM2), d.bangla === "1") + " " + d.unitLabel;
    }

    function save(fromDrawing) {
      if (!drawn) { input.value = ""; showArea(); return; }
      input.value = JSON.stringify(drawn.toGeoJSON().geometry);
      if (fromDrawing) { source.value = "drawn"; }
      showArea();
    }

    function adopt(layer, fromDrawing) {
      if (drawn && drawn !== layer) { map.removeLayer(drawn); }
      drawn = layer;
      layer.on("pm:edit pm:markerdragend pm:vertexremoved", function () { save(true); });
      save(fromDrawing);
    }

    function loadNeighbours() {
      if (map.getZoom() < 14) { neighbours.clearLayers(); return; }
      var b = map.getBounds();
      var url = d.near + "?bbox=" + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(6); }).join(",");
      fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) { neighbours.clearLayers(); neighbours.addData(data); } })
        .catch(function () {});
    }

    var initial = input.value;
    if (!initial) {
      var stored = document.getElementById("stored-boundary");
      if (stored) {
        L.geoJSON(JSON.parse(stored.innerHTML), { pmIgnore: true, snapIgnore: false, interactive: false,
          style: { color: "#1a9850", weight: 3, dashArray: "6 4", fill: false } }).addTo(map);
      }
    }
    if (initial) {
      try {
        var g = L.geoJSON(JSON.parse(initial), { style: { color: "#b30000", weight: 3 } });
        var first = g.getLayers()[0];
        first.addTo(map);
        map.fitBounds(first.getBounds(), { maxZoom: 18 });
        adopt(first, false);
      } catch (e) { input.value = ""; }
    }

    map.pm.setGlobalOptions({ snappable: true, snapDistance: 15, allowSelfIntersection: true });
    // The drawing tools' names and hints in the page's language (data-t-* on the map's box).
    var t = box.dataset;
    if (t.tDraw) {
      map.pm.setLang("page", {
        tooltips: { firstVertex: t.tFirst, continueLine: t.tNext, finishPoly: t.tClose },
        actions: { finish: t.tFinish, cancel: t.tCancel, removeLastVertex: t.tUndo },
        buttonTitles: { drawPolyButton: t.tDraw, editButton: t.tEdit, deleteButton: t.tRemove },
      }, "en");
    }
    map.pm.addControls({
      position: "topleft", drawMarker: false, drawCircleMarker: false, drawPolyline: false,
      drawRectangle: false, drawCircle: false, drawText: false, cutPolygon: false,
      rotateMode: false, dragMode: false, drawPolygon: true, editMode: true, removalMode: true,
    });
    // Geoman's buttons are empty links titled on their container: give each its name, so
    // screen readers (and axe) can tell them apart.
    box.querySelectorAll(".leaflet-pm-toolbar .button-container").forEach(function (c) {
      var button = c.querySelector(".leaflet-buttons-control-button");
      if (button && c.title) button.setAttribute("aria-label", c.title);
    });
    map.on("pm:create", function (e) { adopt(e.layer, true); });
    map.on("pm:remove", function (e) { if (e.layer === drawn) { drawn = null; save(true); } });
    map.on("moveend", loadNeighbours);
    loadNeighbours();
    window.ParcelDraw = { map: map };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* The import preview's map: every row of the uploaded file that has a boundary or a
 * location, the rows with problems in red. The rows come as GeoJSON from the element's
 * data-url (/imports/<token>/rows.geojson); labels come from data- attributes, already
 * translated and escaped by Django. No inline script: the Content-Security-Policy. */
(function () {
  "use strict";
  var OK = "#1b5e20";
  var PROBLEM = "#c62828";

  function style(feature) {
    var bad = feature.properties.problems > 0;
    return { color: bad ? PROBLEM : OK, weight: bad ? 3 : 2, fillColor: bad ? PROBLEM : OK, fillOpacity: bad ? 0.35 : 0.2, dashArray: bad ? "5 3" : null };
  }

  function pointToLayer(feature, latlng) {
    var s = style(feature);
    s.radius = 6;
    return L.circleMarker(latlng, s);
  }

  function popupText(element, props) {
    var text = element.dataset.rowLabel + " " + props.row;
    if (props.problems > 0) {
      text += " (" + props.problems + " " + element.dataset.problemsLabel + "): " + props.problem;
    }
    return text;
  }

  function show(element, collection) {
    var map = L.map(element, { scrollWheelZoom: false });
    if (element.dataset.basemap) {
      L.tileLayer(element.dataset.basemap, { maxZoom: 19, attribution: element.dataset.attribution || "" }).addTo(map);
    }
    var layer = L.geoJSON(collection, {
      style: style,
      pointToLayer: pointToLayer,
      onEachFeature: function (feature, featureLayer) {
        var node = document.createElement("span");
        node.textContent = popupText(element, feature.properties);  // text, never HTML
        featureLayer.bindPopup(node);
      },
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { maxZoom: 18, padding: [12, 12] });
    } else {
      map.fitBounds([[20.6, 88.0], [26.6, 92.7]]);  // Bangladesh
    }
    element.dataset.rows = String(collection.features.length);
    element.classList.add("ready");
    if (!collection.features.length) {
      var note = document.createElement("p");
      note.className = "muted";
      note.textContent = element.dataset.empty;
      element.parentNode.insertBefore(note, element.nextSibling);
    }
  }

  function start() {
    var element = document.getElementById("import-map");
    if (!element || typeof L === "undefined") return;
    fetch(element.dataset.url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (collection) { show(element, collection); })
      .catch(function () { element.classList.add("failed"); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

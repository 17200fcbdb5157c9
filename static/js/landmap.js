/* landclaims web maps: styles for the vector tiles, popups on click, zoom to search hits.
 * folium builds the map and its layers and calls LandMap.configure() then LandMap.attach().
 * Popup HTML comes from the server, already escaped by Django's templates. */
(function () {
  "use strict";
  var config = { phaseColours: {}, possessionColours: {}, popup: {} };

  function parcelStyle(props, zoom) {
    return {
      fill: true,
      fillColor: config.phaseColours[props.phase] || "#bdbdbd",
      fillOpacity: 0.75,
      color: config.possessionColours[props.possession] || "#757575",
      weight: zoom >= 15 ? 3 : 2,
      dashArray: props.frozen ? "4 3" : null,
    };
  }

  function areaStyle(props) {
    var radius = Math.min(28, 4 + Math.sqrt(props.n || 0));
    return {
      radius: radius,
      fill: true,
      fillColor: config.phaseColours[props.phase] || "#bdbdbd",
      fillOpacity: 0.8,
      color: "#ffffff",
      weight: 1.5,
    };
  }

  var styles = {
    parcels: { parcels: parcelStyle, areas: areaStyle },
    orders: {
      orders: function () {
        return { radius: 6, fill: true, fillColor: "#7f0000", fillOpacity: 0.25, color: "#7f0000", weight: 2.5, dashArray: "6 3" };
      },
    },
    incidents: {
      incidents: function () {
        return { radius: 7, fill: true, fillColor: "#ffffff", fillOpacity: 0.9, color: "#7f0000", weight: 3 };
      },
    },
    boundaries: {
      boundaries: function () {
        return { weight: 1, color: "#555555", opacity: 0.8, fill: false };
      },
    },
  };

  function popupUrl(kind, id) {
    // The configured URLs carry id 0 as a placeholder: ".../0/popup/?filters".
    return config.popup[kind].replace("/0/", "/" + encodeURIComponent(id) + "/");
  }

  function showPopup(map, latlng, url) {
    var popup = L.popup().setLatLng(latlng).setContent(config.loading || "…").openOn(map);
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) { popup.setContent(html); })
      .catch(function () { map.closePopup(popup); });
  }

  function onFeatureClick(map, fixedKind) {
    return function (event) {
      var props = event.layer && event.layer.properties;
      if (!props || props.id === undefined) { return; }
      // Area circles carry a level; parcel shapes do not.
      var kind = fixedKind || (props.level ? "areas" : "parcels");
      if (event.originalEvent) { event.originalEvent.landmapFeature = true; }
      L.DomEvent.stop(event);
      showPopup(map, event.latlng, popupUrl(kind, props.id));
    };
  }

  // A click on the map itself, not on a parcel or incident: offer to record an incident there.
  function onMapClick(map) {
    return function (event) {
      if (event.originalEvent && event.originalEvent.landmapFeature) { return; }
      var link = document.createElement("a");
      link.href = config.newIncident.url + "?lat=" + event.latlng.lat.toFixed(6) + "&lng=" + event.latlng.lng.toFixed(6);
      link.className = "record-incident-here";
      link.textContent = config.newIncident.label;
      L.popup().setLatLng(event.latlng).setContent(link).openOn(map);
    };
  }

  function boundsOf(text) {
    var b = text.split(",").map(Number);  // west, south, east, north
    return L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
  }

  function attach(map, layers, bounds) {
    map.fitBounds(bounds, { maxZoom: 16 });
    if (layers.parcels) { layers.parcels.on("click", onFeatureClick(map)); }
    if (layers.incidents) { layers.incidents.on("click", onFeatureClick(map, "incidents")); }
    if (config.newIncident) { map.on("click", onMapClick(map)); }
    var hits = document.querySelectorAll("button.zoom-to[data-bounds]");
    hits.forEach(function (button) {
      button.addEventListener("click", function () {
        map.fitBounds(boundsOf(button.dataset.bounds), { maxZoom: 16 });
      });
    });
    if (hits.length) { map.fitBounds(boundsOf(hits[0].dataset.bounds), { maxZoom: 16 }); }
    window.LandMap.map = map;
  }

  window.LandMap = {
    configure: function (values) { config = values; },
    styles: function (key) { return styles[key]; },
    featureId: function () { return function (feature) { return feature.properties.id; }; },
    attach: attach,
  };
})();

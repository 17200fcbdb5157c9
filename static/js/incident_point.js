/* landclaims: pick where an incident happened on a small Leaflet map (the incident form).
 * A tap or click puts the marker there and fills the latitude and longitude fields; numbers
 * typed in those fields move the marker. The parcel chosen, if any, is outlined. */
(function () {
  "use strict";

  var BENGALI_DIGITS = "০১২৩৪৫৬৭৮৯";

  function asciiDigits(text) {
    return text.replace(/[০-৯]/g, function (d) { return String(BENGALI_DIGITS.indexOf(d)); });
  }

  function number(input) {
    var value = parseFloat(asciiDigits(input.value || "").trim());
    return isNaN(value) ? null : value;
  }

  function setUp() {
    var box = document.getElementById("incident-map");
    var lat = document.getElementById("id_lat");
    var lng = document.getElementById("id_lng");
    if (!box || !lat || !lng || !window.L) { return; }
    var map = L.map(box, { scrollWheelZoom: false }).setView(
      [parseFloat(box.dataset.lat), parseFloat(box.dataset.lng)], parseInt(box.dataset.zoom, 10)
    );
    if (box.dataset.basemap) {
      L.tileLayer(box.dataset.basemap, { attribution: box.dataset.attribution, maxZoom: 19 }).addTo(map);
    }
    if (box.dataset.outline) {
      try {
        L.geoJSON(JSON.parse(box.dataset.outline), {
          style: { color: "#b30000", weight: 2, fillOpacity: 0.1 },
          interactive: false,
        }).addTo(map);
      } catch (e) { /* no outline: the map still works */ }
    }
    var marker = null;

    function place(latlng) {
      if (marker) { marker.setLatLng(latlng); } else {
        marker = L.circleMarker(latlng, { radius: 9, color: "#7f0000", weight: 3, fillOpacity: 0.4 }).addTo(map);
      }
    }

    function fromFields() {
      var y = number(lat), x = number(lng);
      if (y !== null && x !== null) { place([y, x]); }
    }

    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lng.value = event.latlng.lng.toFixed(6);
      place(event.latlng);
      box.dataset.picked = "yes";
    });
    lat.addEventListener("change", fromFields);
    lng.addEventListener("change", fromFields);
    fromFields();
    box.dataset.ready = "yes";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

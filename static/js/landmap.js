/* landclaims web maps: styles for the vector tiles, popups on click, zoom to search hits.
 * folium builds the map and its layers and calls LandMap.configure() then LandMap.attach().
 * Popup HTML comes from the server, already escaped by Django's templates.
 * On the map page (#map-app) attach() also runs the side list (mapapp.js's job is here too:
 * one file, loaded by the map itself): the parcels in view, colour by, live filters. */
(function () {
  "use strict";
  // Leaflet takes a circle of radius 10 px or less for a marker and, on every pointer event,
  // asks it for its position (map._fireDOMEvent), which a VectorGrid point never keeps: every
  // click on a small zoomed-out area circle or incident threw "reading 'lat'" before any
  // handler ran. Such points have no position of their own to give: the pointer's is used.
  if (window.L && L.VectorGrid && !L.VectorGrid.prototype._landmapPoints) {
    var createLayer = L.VectorGrid.prototype._createLayer;
    L.VectorGrid.prototype._createLayer = function () {
      var layer = createLayer.apply(this, arguments);
      if (layer instanceof L.CircleMarker) { layer.getLatLng = null; }
      return layer;
    };
    L.VectorGrid.prototype._landmapPoints = true;
  }

  var config = { phaseColours: {}, possessionColours: {}, popup: {}, groupPalette: [], colourBy: "stage" };
  var NO_COLOUR = "#bdbdbd";
  var LABEL_ZOOM = 14;  // group names on their parcels from here (roles that read names)

  // A group's colour: its id picks one of the palette (maps.colours.group_colour, the same rule).
  function groupColour(id) {
    var palette = config.groupPalette || [];
    if (!id || !palette.length) { return config.noGroupColour || NO_COLOUR; }
    return palette[id % palette.length];
  }

  function parcelFill(props) {
    if (config.colourBy === "group") { return groupColour(props.group); }
    if (config.colourBy === "possession") { return config.possessionColours[props.possession] || NO_COLOUR; }
    return config.phaseColours[props.phase] || NO_COLOUR;
  }

  function parcelStyle(props, zoom) {
    var byPossession = config.colourBy === "possession";
    return {
      fill: true,
      fillColor: parcelFill(props),
      fillOpacity: 0.75,
      // Coloured by possession, the outline would repeat the fill: a neutral one instead.
      color: byPossession ? "#424242" : (config.possessionColours[props.possession] || "#757575"),
      weight: zoom >= 15 ? 3 : 2,
      dashArray: props.frozen ? "4 3" : null,
    };
  }

  function areaStyle(props) {
    var radius = Math.min(28, 4 + Math.sqrt(props.n || 0));
    return {
      radius: radius,
      fill: true,
      fillColor: config.phaseColours[props.phase] || NO_COLOUR,
      fillOpacity: 0.8,
      color: "#ffffff",
      weight: 1.5,
    };
  }

  // Court orders: a dark dashed outline over the parcel, never a fill, so the stage (or group)
  // colour beneath reads true; the layer is not interactive, so a click reaches the parcel.
  function orderStyle() {
    return { radius: 8, fill: false, color: "#7f0000", weight: 3, opacity: 0.95, dashArray: "5 3" };
  }

  var styles = {
    parcels: { parcels: parcelStyle, areas: areaStyle },
    orders: { orders: orderStyle },
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
    return popup;
  }

  function onFeatureClick(map, fixedKind) {
    return function (event) {
      var props = event.layer && event.layer.properties;
      if (!props || props.id === undefined) { return; }
      // Area circles carry a level; parcel shapes do not.
      var kind = fixedKind || (props.level ? "areas" : "parcels");
      if (event.originalEvent) { event.originalEvent.landmapFeature = true; }
      L.DomEvent.stop(event);
      // Leaflet takes a small circle for a marker and asks it for its own position, which a
      // VectorGrid point does not keep (event.latlng is then undefined): use the pointer's.
      var latlng = event.originalEvent ? map.mouseEventToLatLng(event.originalEvent) : event.latlng;
      showPopup(map, latlng, popupUrl(kind, props.id));
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
    var b = (Array.isArray(text) ? text : text.split(",")).map(Number);  // west, south, east, north
    return L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
  }

  // The map is fitted to its area (or the first search hit) before any layer is added, so no
  // layer asks for tiles of the whole world it was opened on (gis/webmap.py land_map).
  function attach(map, layers, bounds, shown) {
    var hits = document.querySelectorAll("button.zoom-to[data-bounds]");
    map.fitBounds(hits.length ? boundsOf(hits[0].dataset.bounds) : bounds, { maxZoom: 16, animate: false });
    (shown || []).forEach(function (layer) { layer.addTo(map); });
    if (layers.parcels) { layers.parcels.on("click", onFeatureClick(map)); }
    if (layers.incidents) { layers.incidents.on("click", onFeatureClick(map, "incidents")); }
    if (config.newIncident) { map.on("click", onMapClick(map)); }
    hits.forEach(function (button) {
      button.addEventListener("click", function () {
        map.fitBounds(boundsOf(button.dataset.bounds), { maxZoom: 16 });
      });
    });
    window.LandMap.map = map;
    window.LandMap.layers = layers;
    var app = document.getElementById("map-app");
    if (app) { mapApp(app, map, layers); }
  }

  // The map page: side list, colour by, live filters, panel ------------------------------------

  function mapApp(app, map, layers) {
    var form = document.getElementById("map-filters");
    var list = document.getElementById("in-view-list");
    var count = document.getElementById("in-view-count");
    var more = document.getElementById("in-view-more");
    var exportLink = document.getElementById("export-link");
    var labels = L.layerGroup().addTo(map);
    var rows = [];
    var asked = 0;

    function filterQuery() {
      var query = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (key !== "q" && value !== "") { query.append(key, value); }
      });
      return query;
    }

    function fitHeight() {
      var top = app.getBoundingClientRect().top + window.scrollY;
      app.style.height = Math.max(320, window.innerHeight - top) + "px";
      map.invalidateSize();
    }

    function swatch(colour) {
      var mark = document.createElement("span");
      mark.className = "in-view-swatch";
      mark.setAttribute("aria-hidden", "true");
      mark.style.backgroundColor = colour;
      return mark;
    }

    function line(className, text) {
      var span = document.createElement("span");
      span.className = className;
      span.textContent = text;
      return span;
    }

    function openRow(row) {
      map.fitBounds(boundsOf(row.bounds), { maxZoom: 17, animate: false });
      showPopup(map, L.latLng(row.centre[0], row.centre[1]), popupUrl("parcels", row.id));
    }

    function renderRow(row) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "in-view-item";
      button.dataset.id = row.id;
      var byGroup = config.colourBy === "group" && row.groups.length;
      button.appendChild(swatch(byGroup ? row.groups[0].colour : row.stageColour));
      var text = document.createElement("span");
      text.className = "in-view-text";
      text.appendChild(line("in-view-place", row.place + " · " + row.dag));
      if (row.groups.length) {
        var groups = document.createElement("span");
        groups.className = "in-view-groups";
        row.groups.forEach(function (group) {
          var one = line("in-view-group", group.name);
          one.insertBefore(swatch(group.colour), one.firstChild);
          groups.appendChild(one);
        });
        text.appendChild(groups);
      }
      text.appendChild(line("in-view-stage", row.stage + (row.possession ? " · " + row.possession : "")));
      if (row.hearing) { text.appendChild(line("in-view-hearing", app.dataset.labelHearing + " " + row.hearing)); }
      button.appendChild(text);
      button.addEventListener("click", function () { openRow(row); });
      item.appendChild(button);
      return item;
    }

    function drawLabels() {
      labels.clearLayers();
      if (!app.dataset.names || config.colourBy !== "group" || map.getZoom() < LABEL_ZOOM) { return; }
      rows.forEach(function (row) {
        if (!row.groups.length) { return; }
        var text = document.createElement("span");
        text.textContent = row.groups[0].name + (row.groups.length > 1 ? " +" + (row.groups.length - 1) : "");
        L.tooltip({ permanent: true, direction: "center", className: "group-label", interactive: false })
          .setLatLng(L.latLng(row.centre[0], row.centre[1]))
          .setContent(text)
          .addTo(labels);
      });
    }

    function render(data) {
      var focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.id : null;
      rows = data.rows;
      count.textContent = data.countText;
      more.textContent = data.moreText;
      list.replaceChildren.apply(list, rows.map(renderRow));
      if (focused) {
        var again = list.querySelector('button[data-id="' + CSS.escape(focused) + '"]');
        if (again) { again.focus(); }
      }
      drawLabels();
    }

    function refresh() {
      var query = filterQuery();
      var b = map.getBounds();
      query.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (n) { return n.toFixed(6); }).join(","));
      var mine = ++asked;
      fetch(app.dataset.inViewUrl + "?" + query.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (data) { if (mine === asked) { render(data); } })
        .catch(function () { if (mine === asked) { count.textContent = app.dataset.labelError; } });
    }

    function filtersChanged() {
      var query = filterQuery().toString();
      var suffix = query ? "?" + query : "";
      Object.keys(layers).forEach(function (key) {
        if (config.tiles && config.tiles[key] && key !== "boundaries") { layers[key].setUrl(config.tiles[key] + suffix); }
      });
      config.popup.areas = config.popup.areas.split("?")[0] + suffix;
      exportLink.href = app.dataset.exportUrl + suffix;
      var page = new URLSearchParams(filterQuery());
      var q = form.querySelector("[name=q]");
      if (q && q.value) { page.set("q", q.value); }
      window.history.replaceState(null, "", window.location.pathname + (page.toString() ? "?" + page.toString() : ""));
      refresh();
    }

    form.querySelectorAll("[data-live-filter] input").forEach(function (input) {
      input.addEventListener("change", filtersChanged);
    });

    document.querySelectorAll("#colour-by input[name=colour_by]").forEach(function (input) {
      if (input.checked) { config.colourBy = input.value; }
      input.addEventListener("change", function () {
        config.colourBy = input.value;
        app.dataset.colourBy = input.value;
        if (layers.parcels) { layers.parcels.redraw(); }
        render({ rows: rows, countText: count.textContent, moreText: more.textContent });
      });
    });
    app.dataset.colourBy = config.colourBy;

    function setPanel(open) {
      app.classList.toggle("panel-closed", !open);
      document.querySelectorAll("[data-panel-toggle]").forEach(function (button) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        if (button.classList.contains("map-panel-open")) { button.hidden = open; }
      });
      map.invalidateSize();
    }
    document.querySelectorAll("[data-panel-toggle]").forEach(function (button) {
      button.addEventListener("click", function () { setPanel(app.classList.contains("panel-closed")); });
    });
    // On a phone the list covers the map: it starts closed unless there are search results.
    var phone = window.matchMedia("(max-width: 50rem)").matches;
    setPanel(!phone || Boolean(document.querySelector(".map-hits")));

    map.on("moveend", refresh);
    map.on("zoomend", drawLabels);
    window.addEventListener("resize", fitHeight);
    fitHeight();
    refresh();
    window.LandMap.refresh = refresh;
  }

  window.LandMap = {
    configure: function (values) { config = values; config.colourBy = config.colourBy || "stage"; },
    styles: function (key) { return styles[key]; },
    featureId: function () { return function (feature) { return feature.properties.id; }; },
    groupColour: groupColour,
    attach: attach,
  };
})();

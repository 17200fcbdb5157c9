// The admin's geometry widget (Django's OLMapWidget.js) over the site's basemap: the URL and
// attribution of MAP_BASEMAP_URL come in the widget's options (admin_base.LocalOSMWidget).
// With no basemap the widget draws its geometry on a plain background.
"use strict";

MapWidget.layerBuilder.landclaims = () => {
    const script = document.querySelector("script[id$='_mapwidget_options']");
    const options = script ? JSON.parse(script.textContent) : {};
    if (!options.basemap_url) {
        return new ol.layer.Tile();
    }
    return new ol.layer.Tile({
        source: new ol.source.XYZ({
            // Leaflet writes subdomains as {s}, OpenLayers as {a-c}.
            url: options.basemap_url.replace("{s}", "{a-c}"),
            attributions: options.basemap_attribution,
            maxZoom: 19,
        }),
    });
};

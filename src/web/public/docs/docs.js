// Swagger UI over the gateway's specifications: the unified API first, then each configured
// provider's native API; links to every document, the providers' published specs included.
async function start() {
  const links = await fetch('/docs/specs.json').then((response) => response.json());
  const list = document.getElementById('spec-links');
  for (const link of [links.unified, ...links.native, ...links.published]) {
    const item = document.createElement('li');
    const anchor = document.createElement('a');
    anchor.href = link.url;
    anchor.textContent = link.name;
    item.append(anchor);
    list.append(item);
  }
  window.ui = window.SwaggerUIBundle({
    urls: [links.unified, ...links.native],
    'urls.primaryName': links.unified.name,
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    // No calls to the public validator service: the page works offline.
    validatorUrl: null,
    tryItOutEnabled: false,
  });
}

void start();

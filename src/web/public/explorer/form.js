// The query form: controls offered only as the chosen provider's capabilities allow, and the
// unified query read back from them.

const $ = (id) => document.getElementById(id);

const aggregationLabels = {
  count: 'count',
  sum: 'sum',
  avg: 'average',
  max: 'maximum',
  latest: 'latest',
  count_unique: 'unique count',
  sum_with_multiplier: 'sum × multiplier',
  weighted_sum: 'time-weighted sum',
};

function fillSelect(select, options, selected) {
  select.replaceChildren(...options.map(([value, label]) => new Option(label, value, false, value === selected)));
}

function fillDatalist(datalist, values) {
  datalist.replaceChildren(...values.map((value) => new Option(value)));
}

/** The fields besides the provider, by element id. */
const fieldNames = ['metric', 'customers', 'from', 'to', 'window', 'aggregation', 'property', 'multiplier'];

const dateOf = (instant) => instant.slice(0, 10);
const daysAgo = (days) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * @param {object[]} providers from GET /v1/providers
 * @param {object} presets from /explorer/presets.json (`demo` is null without the demo data set)
 */
export function createForm(providers, presets) {
  const demo = presets.demo;
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  const current = () => byId.get($('provider').value);
  const demoFor = (provider) => (demo && provider?.mode === 'sandbox' ? demo : null);

  function updateAggregationFields() {
    const aggregation = $('aggregation').value;
    $('property-field').hidden = aggregation === '' || aggregation === 'count';
    $('multiplier-field').hidden = aggregation !== 'sum_with_multiplier';
    const provider = current();
    fillDatalist($('property-options'), demoFor(provider)?.properties[$('metric').value] ?? []);
  }

  /** Offers what `provider` can answer; keeps the person's choices where they still apply. */
  function showProvider(provider) {
    const { capabilities } = provider;
    const data = demoFor(provider);
    const metrics = data?.metrics[provider.type] ?? (provider.type === 'svix' ? ['message_destinations'] : []);
    fillDatalist($('metric-options'), metrics);
    if (!metrics.includes($('metric').value)) $('metric').value = metrics[0] ?? '';

    const windows = capabilities.windowSizes;
    fillSelect($('window'), [['', windows.length > 0 ? 'none (total only)' : `not offered by ${provider.type}`], ...windows.map((size) => [size, size])], $('window').value);
    $('window').disabled = windows.length === 0;

    const aggregations = capabilities.aggregations;
    fillSelect($('aggregation'), [['', provider.type === 'sequence' ? "the metric's own" : 'default'], ...aggregations.map((name) => [name, aggregationLabels[name] ?? name])], $('aggregation').value);
    $('aggregation').disabled = aggregations.length <= 1;

    $('customers').placeholder = capabilities.customersRequired ? 'required' : 'all customers';
    $('customers-hint').textContent = capabilities.multipleCustomers ? 'Comma-separated ids' : 'One customer id';
    if (data && !$('customers').value) $('customers').value = data.customers.join(', ');

    const notes = [`${provider.type}, ${provider.mode}`];
    if (capabilities.async) notes.push('answers asynchronously: the explorer polls its task');
    if (windows.length === 0) notes.push('no windows: totals only');
    $('provider-note').textContent = notes.join(' · ');
    updateAggregationFields();
  }

  fillSelect($('provider'), providers.map((provider) => [provider.id, `${provider.id} (${provider.type})`]), providers[0]?.id);
  const period = demo ? { from: dateOf(demo.from), to: dateOf(demo.to) } : { from: daysAgo(30), to: daysAgo(-1) };
  $('from').value = period.from;
  $('to').value = period.to;
  $('provider').addEventListener('change', () => showProvider(current()));
  $('aggregation').addEventListener('change', updateAggregationFields);
  $('metric').addEventListener('change', updateAggregationFields);
  if (providers[0]) showProvider(providers[0]);

  return {
    /**
     * Selects a provider and sets fields: some (the demo query), or all of them (a linked query,
     * `exact`, where a missing field is an empty one).
     */
    set(values, { exact = false } = {}) {
      if (values.provider) {
        $('provider').value = values.provider;
        showProvider(current());
      }
      for (const name of fieldNames) {
        if (values[name] !== undefined || exact) $(name).value = values[name] ?? '';
      }
      updateAggregationFields();
    },

    /** The fields as typed, without the empty ones (the page keeps them in its URL). */
    values() {
      const entries = [['provider', $('provider').value], ...fieldNames.map((name) => [name, $(name).value.trim()])];
      return Object.fromEntries(entries.filter(([, value]) => value !== ''));
    },

    /** The unified query the form describes (the gateway judges it). */
    read() {
      const provider = current();
      const query = { provider: $('provider').value, metric: $('metric').value.trim(), from: `${$('from').value}T00:00:00Z`, to: `${$('to').value}T00:00:00Z` };
      const customers = $('customers').value.split(',').map((value) => value.trim()).filter(Boolean);
      if (customers.length > 0) query.customers = [...new Set(customers)];
      if ($('window').value) query.windowSize = $('window').value;
      const aggregation = $('aggregation').value;
      if (aggregation) query.aggregation = aggregation;
      if (!$('property-field').hidden && $('property').value.trim()) query.property = $('property').value.trim();
      if (!$('multiplier-field').hidden && $('multiplier').value.trim()) query.multiplier = $('multiplier').value.trim();
      // Asynchronous providers: answer at once with a task, so the page can show its progress.
      if (provider?.capabilities.async) query.waitSeconds = 0;
      return query;
    },
  };
}

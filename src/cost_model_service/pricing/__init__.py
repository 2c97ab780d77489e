"""From cost model to price: price bases, paid prices, which series drives which cost
index (bindings), the projection P(t) = P0 · (f + Σ sᵢ · Iᵢ(ref(t)) / Iᵢ(ref(b))), and
editing a cost model by hand."""

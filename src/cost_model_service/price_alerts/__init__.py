"""Price alerts: "tell me when this article's modelled price moves by X % from its base, or
when what I pay drifts X % from the model"; their evaluation and the events they fire."""

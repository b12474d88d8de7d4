"""Drawing helpers and composite widgets: text, meters, the map, the offer chart, tooltips."""

// Vite's declarations: a style sheet imported from code (the chart loads uPlot's when first drawn).
/// <reference types="vite/client" />

// Stylesheets imported for their side effect: Vite bundles them; to the type-checker they are modules without exports.
declare module '*.css';

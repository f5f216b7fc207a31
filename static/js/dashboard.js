/*
 * Loaded on every page of Oscar's dashboard, after jQuery and before Oscar's scripts.
 *
 * Oscar 4.2's order page calls oscar.dashboard.orders.initTable(), which its dashboard.js no
 * longer defines: every order page threw "initTable is not a function". This ready handler runs
 * before the page's own (jQuery runs them in order) and fills the gap with a no-op.
 */
jQuery(function () {
  var dashboard = window.oscar && window.oscar.dashboard;
  if (dashboard && dashboard.orders && typeof dashboard.orders.initTable !== "function") {
    dashboard.orders.initTable = function () {};
  }
});

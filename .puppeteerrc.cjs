// Chromium is never downloaded at install time: the app finds a browser at run time (main/browser/).
module.exports = { skipDownload: true };

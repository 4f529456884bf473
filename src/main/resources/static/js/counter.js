// Merchant counter: camera frames (getUserMedia) are posted to the server, which decodes the QR code with ZXing and
// answers 204 while none is in sight, or the card to confirm. A photo taken with the phone's camera app works the same.
(function () {
  var box = document.getElementById('scanner');
  if (!box) { return; }
  var video = document.getElementById('camera');
  var status = document.getElementById('scan-status');
  var found = document.getElementById('scan-found');
  var startButton = document.getElementById('start-scan');
  var photo = document.getElementById('photo');
  var scanUrl = box.getAttribute('data-scan-url');
  var csrf = document.querySelector('meta[name=_csrf]');
  var csrfHeader = document.querySelector('meta[name=_csrf_header]');
  var stream = null;
  var busy = false;
  var timer = null;

  function say(key) { status.textContent = box.getAttribute('data-' + key); }

  function post(blob) {
    var form = new FormData();
    form.append('frame', blob, 'frame.png');
    var headers = {};
    if (csrf && csrfHeader) { headers[csrfHeader.content] = csrf.content; }
    return fetch(scanUrl, { method: 'POST', body: form, headers: headers, credentials: 'same-origin' })
      .then(function (response) {
        if (response.status === 204) { return null; }
        return response.text();
      });
  }

  function show(html) {
    found.innerHTML = html;
    if (window.htmx) { window.htmx.process(found); }
    var scanned = found.querySelector('#scanned');
    if (scanned && scanned.getAttribute('data-found') === 'true') {
      stop();
      say('found');
    }
  }

  function grab() {
    if (busy || !stream || video.videoWidth === 0) { return; }
    busy = true;
    var canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d').drawImage(video, 0, 0);
    canvas.toBlob(function (blob) {
      post(blob).then(function (html) { if (html) { show(html); } })
        .catch(function () { say('failed'); })
        .finally(function () { busy = false; });
    }, 'image/png');
  }

  function stop() {
    if (timer) { clearInterval(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    box.classList.remove('scanning');
  }

  startButton.addEventListener('click', function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { say('nocamera'); return; }
    found.innerHTML = '';
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.play();
        box.classList.add('scanning');
        say('scanning');
        timer = setInterval(grab, 500);
      })
      .catch(function () { say('nocamera'); });
  });

  function readPhoto() {
    if (!photo.files || !photo.files[0]) { return; }
    say('reading');
    post(photo.files[0]).then(function (html) {
      if (html) { show(html); } else { say('notfound'); }
    }).catch(function () { say('failed'); });
  }

  photo.addEventListener('change', readPhoto);
  // This script is deferred: on a slow phone or server a photo can be chosen before it runs, and its change event
  // has then gone unheard. The camera button stays disabled until here, so a click is never lost either.
  readPhoto();
  startButton.disabled = false;
})();

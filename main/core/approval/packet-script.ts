// The review packet's only script, inline (the packet's CSP allows exactly this text by
// its hash): it records the client's decision per post and writes the reply ([Note:
// reply code]) into the "Reply code" box and a reply file to download. It reaches no
// network and stores nothing; the packet is usable again from scratch on every opening.
// Plain ES2017 so any current browser runs it.
export const packetScript = String.raw`(function () {
  'use strict';
  var meta = JSON.parse(document.getElementById('packet-meta').textContent);
  var nameInput = document.getElementById('decider');
  var codeBox = document.getElementById('reply-code');
  var status = document.getElementById('reply-status');
  var download = document.getElementById('download-reply');
  var copy = document.getElementById('copy-reply');
  var table = [];
  for (var n = 0; n < 256; n++) {
    var c = n;
    for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
  }
  function base64url(bytes) {
    var text = '';
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  var items = Array.prototype.map.call(document.querySelectorAll('article.post'), function (article) {
    return {
      id: article.getAttribute('data-post'),
      hash: article.getAttribute('data-version'),
      label: article.getAttribute('data-label'),
      article: article,
      approve: article.querySelector('button.approve'),
      changes: article.querySelector('button.changes'),
      comment: article.querySelector('textarea'),
      state: article.querySelector('.decision-state'),
      decision: null
    };
  });
  var code = '';
  function refresh() {
    items.forEach(function (item) {
      item.approve.setAttribute('aria-pressed', String(item.decision === 'approved'));
      item.changes.setAttribute('aria-pressed', String(item.decision === 'changes_requested'));
      item.article.setAttribute('data-decision', item.decision || 'none');
      item.state.textContent =
        item.decision === 'approved' ? 'You approve this post.'
        : item.decision === 'changes_requested' ? 'You ask for changes to this post.'
        : 'No decision yet.';
    });
    var name = nameInput.value.trim();
    var chosen = items.filter(function (item) { return item.decision !== null; });
    var silent = chosen.filter(function (item) {
      return item.decision === 'changes_requested' && item.comment.value.trim() === '';
    });
    var problem =
      chosen.length === 0 ? 'Choose Approve or Request changes on at least one post.'
      : silent.length > 0 ? silent[0].label + ': say in its Comment box what to change.'
      : name === '' ? 'Type your name above, so we know who decided.'
      : null;
    download.disabled = copy.disabled = problem !== null;
    if (problem !== null) {
      code = '';
      codeBox.value = '';
      status.textContent = problem;
      return;
    }
    var body = {
      p: meta.packet,
      t: meta.token,
      n: name,
      w: Date.now(),
      d: chosen.map(function (item) {
        return { i: item.id, h: item.hash, a: item.decision, c: item.comment.value.trim() };
      })
    };
    var bytes = new TextEncoder().encode(JSON.stringify(body));
    code = 'SR1.' + base64url(bytes) + '.' + crc32(bytes);
    codeBox.value = code;
    status.textContent = 'Your reply covers ' + chosen.length + ' of ' + items.length +
      ' posts. Copy the reply code into an email to us, or download the reply file and attach it.';
  }
  items.forEach(function (item) {
    function choose(decision) {
      item.decision = item.decision === decision ? null : decision;
      refresh();
    }
    item.approve.addEventListener('click', function () { choose('approved'); });
    item.changes.addEventListener('click', function () {
      choose('changes_requested');
      if (item.decision !== null) item.comment.focus();
    });
    item.comment.addEventListener('input', refresh);
  });
  nameInput.addEventListener('input', refresh);
  copy.addEventListener('click', function () {
    codeBox.select();
    var done = function () { status.textContent = 'Copied. Paste it into your email to us.'; };
    if (navigator.clipboard) navigator.clipboard.writeText(code).then(done, function () {
      document.execCommand('copy');
      done();
    });
    else { document.execCommand('copy'); done(); }
  });
  download.addEventListener('click', function () {
    var text = 'Starling review reply from ' + nameInput.value.trim() + ' for ' + meta.client +
      '.\nOpen this file in Starling (Review replies), or paste the code below.\n\n' + code + '\n';
    var link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    link.download = meta.replyFile;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  });
  document.documentElement.classList.add('scripted');
  refresh();
})();`;

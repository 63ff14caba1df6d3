// Keyboard triage for the review queue (no framework; htmx handles partial updates).
// Finding page: a = xác nhận, r = bác bỏ, s = bỏ qua, u = hoàn tác, j/k = sau/trước.
// Queue page: j/k = chọn dòng, Enter/o = mở, x = đánh dấu, u = hoàn tác.
(function () {
  "use strict";
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  function submit(id) {
    var f = document.getElementById(id);
    if (f) { f.requestSubmit(); return true; }
    return false;
  }
  function follow(id) {
    var a = document.getElementById(id);
    if (a) { window.location.href = a.href; return true; }
    return false;
  }
  var selected = -1;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("table.queue tr.row")); }
  function select(i) {
    var rs = rows();
    if (!rs.length) return;
    selected = Math.max(0, Math.min(rs.length - 1, i));
    rs.forEach(function (r, k) { r.classList.toggle("selected", k === selected); });
    rs[selected].scrollIntoView({block: "nearest"});
  }
  document.addEventListener("htmx:afterSwap", function () { selected = -1; });
  document.addEventListener("click", function (e) {
    var tr = e.target.closest && e.target.closest("tr.row");
    if (tr && !e.target.closest("a, input, button, label")) window.location.href = tr.dataset.href;
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    var page = document.body.dataset.page, done = false;
    if (page === "finding") {
      switch (e.key) {
        case "a": done = submit("form-confirmed"); break;
        case "r": done = submit("form-dismissed"); break;
        case "u": done = submit("form-undo"); break;
        case "s": done = follow("skip-link"); break;
        case "j": done = follow("next-link"); break;
        case "k": done = follow("prev-link"); break;
      }
    } else if (page === "queue") {
      var rs = rows();
      switch (e.key) {
        case "j": select(selected + 1); done = true; break;
        case "k": select(selected - 1); done = true; break;
        case "Enter": case "o":
          if (selected >= 0 && rs[selected]) { window.location.href = rs[selected].dataset.href; done = true; }
          break;
        case "x":
          if (selected >= 0 && rs[selected]) {
            var cb = rs[selected].querySelector("input[type=checkbox]");
            cb.checked = !cb.checked; done = true;
          }
          break;
        case "u": done = submit("undo-form"); break;
      }
    }
    if (done) e.preventDefault();
  });
})();

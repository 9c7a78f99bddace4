/* Turns each <textarea data-rich-text> of the staff record form into a Trix editor (vendored, no CDN).
   The textarea stays the form field: Trix writes its HTML into it, and the server cleans that HTML
   (nh3) before storing it. Without JavaScript the textarea is used as is. Trix defines its elements
   on a zero timeout after loading, so the Chinese toolbar words set here are in place before any
   toolbar is built. Files cannot be dropped into the text: attachments go through the checked upload. */
(function () {
  "use strict";
  if (!window.Trix) { return; }
  Object.assign(window.Trix.config.lang, {
    attachFiles: "插入文件", bold: "加粗", bullets: "项目符号", byte: "字节", bytes: "字节",
    captionPlaceholder: "添加说明…", code: "代码", heading1: "标题", indent: "增加缩进",
    italic: "倾斜", link: "链接", numbers: "编号", outdent: "减少缩进", quote: "引用", redo: "重做",
    remove: "删除", strike: "删除线", undo: "撤销", unlink: "取消链接", url: "网址",
    urlPlaceholder: "输入网址…"
  });
  document.addEventListener("trix-file-accept", function (event) { event.preventDefault(); });
  function mount() {
    var areas = document.querySelectorAll("textarea[data-rich-text]");
    Array.prototype.forEach.call(areas, function (area) {
      var editor = document.createElement("trix-editor");
      editor.setAttribute("input", area.id);
      editor.className = "trix-content rich-text";
      var label = document.querySelector("label[for='" + area.id + "']");
      if (label) {
        if (!label.id) { label.id = area.id + "-label"; }
        editor.setAttribute("aria-labelledby", label.id);
      }
      area.hidden = true;
      area.parentNode.insertBefore(editor, area.nextSibling);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
}());

// The table page's filter form: the value field offers the chosen column's frequent values
// (<datalist>), following the column picked. Works without it: the form is plain HTML.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-choices-for]").forEach(function (select) {
    var input = document.getElementById(select.dataset.choicesFor);
    if (!input) return;
    function follow() {
      var option = select.options[select.selectedIndex];
      if (option && option.dataset.list) input.setAttribute("list", option.dataset.list);
      else input.removeAttribute("list");
    }
    select.addEventListener("change", follow);
    follow();
  });
});

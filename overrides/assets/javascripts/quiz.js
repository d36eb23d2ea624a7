/* Self-check quizzes. The page works without this script: each question has a
   "Show the answer" disclosure. With it, learners check each answer, see the
   feedback for what they chose and the explanation, get a score against the
   pass mark, and can print a completion record.
   Answers are kept in this browser's localStorage only; the name typed for the
   record is never stored; nothing is sent anywhere (the questions are not a
   form, so there is nothing to submit). Everything is looked up inside the
   quiz's own [data-lb-quiz] element. */
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function setup(root) {
    var quizId = root.getAttribute("data-lb-quiz");
    var passMark = parseInt(root.getAttribute("data-lb-pass-mark"), 10);
    var key = "lb-quiz:" + quizId;
    var questions = Array.prototype.slice.call(root.querySelectorAll("[data-lb-question]"));
    var result = root.querySelector("[data-lb-result]");
    var scoreText = result.querySelector("[data-lb-score]");
    var recordForm = result.querySelector("[data-lb-record-form]");
    var clearButton = root.querySelector("[data-lb-quiz-clear]");
    var certificate = root.querySelector("[data-lb-certificate]");
    var state = { answers: {}, checked: {} };
    /* The record prints on its own, so it must not sit inside the page layout. */
    document.body.appendChild(certificate);

    function save() {
      var store = storage();
      if (!store) return;
      try { store.setItem(key, JSON.stringify(state)); } catch (e) { /* full or blocked */ }
    }

    function restore() {
      var store = storage();
      if (!store) return;
      try {
        var saved = JSON.parse(store.getItem(key) || "null");
        if (saved && saved.answers) state = { answers: saved.answers, checked: saved.checked || {} };
      } catch (e) { /* ignore damaged data */ }
    }

    function inputs(fieldset) { return fieldset.querySelectorAll("input"); }

    function chosen(fieldset) {
      var values = [];
      each(inputs(fieldset), function (input) { if (input.checked) values.push(input.value); });
      return values;
    }

    function isRight(fieldset) {
      var ok = true;
      each(inputs(fieldset), function (input) {
        if (input.checked !== input.hasAttribute("data-lb-correct")) ok = false;
      });
      return ok;
    }

    function markOptions(fieldset) {
      each(inputs(fieldset), function (input) {
        var option = input.parentNode;
        var correct = input.hasAttribute("data-lb-correct");
        var label = null;
        if (input.checked && correct) label = ["lb-option--right", "Your answer: correct"];
        else if (input.checked) label = ["lb-option--wrong", "Your answer: not correct"];
        else if (correct) label = ["lb-option--missed", "Correct answer"];
        if (!label) return;
        option.classList.add(label[0]);
        var mark = document.createElement("span");
        mark.className = "lb-option__mark";
        mark.textContent = label[1];
        option.appendChild(mark);
      });
    }

    function clearMarks(fieldset) {
      each(fieldset.querySelectorAll(".lb-option__mark"), function (mark) { mark.remove(); });
      each(fieldset.querySelectorAll(".lb-option"), function (option) {
        option.classList.remove("lb-option--right", "lb-option--wrong", "lb-option--missed");
      });
    }

    function showFeedback(fieldset, moveFocus) {
      var feedback = fieldset.querySelector(".lb-feedback");
      var answer = fieldset.querySelector("[data-lb-answer]");
      var right = isRight(fieldset);
      var picked = chosen(fieldset);
      feedback.textContent = "";
      var verdict = document.createElement("p");
      verdict.className = "lb-feedback__verdict " + (right ? "lb-feedback__verdict--right" : "lb-feedback__verdict--wrong");
      verdict.textContent = right ? "Correct." : (picked.length ? "Not quite." : "You did not choose an answer.");
      feedback.appendChild(verdict);
      if (!right) feedback.appendChild(answer.querySelector(".lb-answer__correct").cloneNode(true));
      var optionNotes = answer.querySelectorAll("[data-lb-option]");
      var notes = document.createElement("ul");
      notes.className = "lb-feedback__options";
      each(optionNotes, function (note) {
        if (picked.indexOf(note.getAttribute("data-lb-option")) >= 0) notes.appendChild(note.cloneNode(true));
      });
      if (notes.children.length) feedback.appendChild(notes);
      var explanation = document.createElement("div");
      explanation.className = "lb-feedback__explanation";
      var heading = document.createElement("p");
      heading.className = "lb-feedback__why";
      heading.textContent = "Why:";
      explanation.appendChild(heading);
      explanation.appendChild(answer.querySelector("[data-lb-explanation]").cloneNode(true));
      var source = answer.querySelector(".lb-answer__source");
      if (source) explanation.appendChild(source.cloneNode(true));
      feedback.appendChild(explanation);
      feedback.hidden = false;
      markOptions(fieldset);
      each(inputs(fieldset), function (input) { input.disabled = true; });
      fieldset.querySelector("[data-lb-check]").hidden = true;
      if (moveFocus) feedback.focus();
    }

    /* "Check answer" with nothing chosen is a slip, not an answer: say what to
       do and leave the question open (at "Finish", an unanswered question
       counts as wrong). */
    function askForAnswer(fieldset) {
      var feedback = fieldset.querySelector(".lb-feedback");
      var multiple = fieldset.querySelector("input[type=checkbox]");
      feedback.textContent = "";
      var prompt = document.createElement("p");
      prompt.className = "lb-feedback__prompt";
      prompt.setAttribute("data-lb-prompt", "");
      prompt.textContent = multiple ? "Choose one or more answers, then check them." : "Choose an answer, then check it.";
      feedback.appendChild(prompt);
      feedback.hidden = false;
      feedback.focus();
    }

    function check(fieldset, moveFocus) {
      var index = fieldset.id;
      state.checked[index] = true;
      save();
      showFeedback(fieldset, moveFocus);
    }

    function score() {
      var right = 0;
      questions.forEach(function (fieldset) { if (isRight(fieldset)) right += 1; });
      return right;
    }

    function finish() {
      questions.forEach(function (fieldset) {
        if (!state.checked[fieldset.id]) check(fieldset, false);
      });
      var right = score();
      var total = questions.length;
      var percent = Math.round((100 * right) / total);
      var passed = percent >= passMark;
      scoreText.textContent = "You scored " + right + " of " + total + " (" + percent + "%). " +
        (passed ? "You passed: the pass mark is " + passMark + "%." : "You did not pass this time: the pass mark is " + passMark + "%. Read the explanations, then try again.");
      result.classList.toggle("lb-result--passed", passed);
      recordForm.hidden = !passed;
      /* Once passed, printing this page prints the one-page record (see site.css). */
      document.documentElement.classList.toggle("lb-record-ready", passed);
      certificate.querySelector("[data-lb-cert-score]").textContent = right + " of " + total + " (" + percent + "%)";
      certificate.querySelector("[data-lb-cert-date]").textContent = window.lbShared.longDate(new Date());
      result.hidden = false;
      result.focus();
    }

    function reset() {
      state = { answers: {}, checked: {} };
      questions.forEach(function (fieldset) {
        each(inputs(fieldset), function (input) { input.checked = false; input.disabled = false; });
        clearMarks(fieldset);
        var feedback = fieldset.querySelector(".lb-feedback");
        feedback.hidden = true;
        feedback.textContent = "";
        fieldset.querySelector("[data-lb-check]").hidden = false;
      });
      result.hidden = true;
      recordForm.hidden = true;
      document.documentElement.classList.remove("lb-record-ready");
      result.querySelector("[data-lb-name]").value = "";
      certificate.querySelector("[data-lb-cert-name]").textContent = "";
    }

    /* Enhance: hide the no-script answers, show the buttons. */
    questions.forEach(function (fieldset) {
      fieldset.querySelector("[data-lb-answer]").hidden = true;
      var button = fieldset.querySelector("[data-lb-check]");
      button.hidden = false;
      button.addEventListener("click", function () {
        if (chosen(fieldset).length) check(fieldset, true);
        else askForAnswer(fieldset);
      });
      each(inputs(fieldset), function (input) {
        input.addEventListener("change", function () {
          state.answers[fieldset.id] = chosen(fieldset);
          save();
          var feedback = fieldset.querySelector(".lb-feedback");
          if (feedback.querySelector("[data-lb-prompt]")) { feedback.hidden = true; feedback.textContent = ""; }
        });
      });
    });
    root.querySelector("[data-lb-finish-area]").hidden = false;
    clearButton.hidden = false;

    root.querySelector("[data-lb-finish]").addEventListener("click", finish);
    result.querySelector("[data-lb-retry]").addEventListener("click", function () {
      reset();
      save();
      var first = questions[0].querySelector("input");
      if (first) first.focus();
    });
    clearButton.addEventListener("click", function () {
      reset();
      var store = storage();
      if (store) { try { store.removeItem(key); } catch (e) { /* ignore */ } }
      clearButton.textContent = "Answers cleared";
      setTimeout(function () { clearButton.textContent = "Clear my answers"; }, 3000);
    });
    result.querySelector("[data-lb-print-record]").addEventListener("click", function () {
      var name = result.querySelector("[data-lb-name]").value.trim();
      certificate.querySelector("[data-lb-cert-name]").textContent = name || "Name not given";
      window.print();
    });
    result.querySelector("[data-lb-name]").addEventListener("input", function (event) {
      certificate.querySelector("[data-lb-cert-name]").textContent = event.target.value.trim() || "Name not given";
    });

    /* Bring back saved progress. */
    restore();
    questions.forEach(function (fieldset) {
      var saved = state.answers[fieldset.id] || [];
      each(inputs(fieldset), function (input) { input.checked = saved.indexOf(input.value) >= 0; });
      if (state.checked[fieldset.id]) showFeedback(fieldset, false);
    });
  }

  each(document.querySelectorAll("[data-lb-quiz]"), setup);
})();

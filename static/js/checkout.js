// Card payment on the checkout preview page. Works with Stripe.js from Stripe and from
// localstripe: the card becomes a payment method through a SetupIntent (confirmCardSetup),
// the server charges it, and 3-D Secure (confirmCardPayment) runs only when the server asks.
(function () {
  "use strict";
  const form = document.getElementById("payment-form");
  if (!form || typeof Stripe === "undefined") return;

  const stripe = Stripe(form.dataset.stripeKey);
  const card = stripe.elements().create("card");
  card.mount("#card-element");
  const button = document.getElementById("place-order");
  const errorBox = document.getElementById("payment-error");
  const buttonLabel = button.textContent;

  function showError(message) {
    errorBox.textContent = message || form.dataset.messageFailed;
    errorBox.hidden = false;
    button.disabled = false;
    button.textContent = buttonLabel;
    errorBox.setAttribute("tabindex", "-1");
    errorBox.focus();
  }

  async function post(fields) {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    body.append("action", "place_order");
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    let response;
    try {
      response = await fetch(form.getAttribute("action"), {
        method: "POST", body: body, credentials: "same-origin",
        headers: {"X-Requested-With": "XMLHttpRequest"},
      });
    } catch (error) {
      // The answer was lost: the payment may have gone through. The status page asks the shop,
      // which asks Stripe, and leads to the order or back to the basket.
      return {status: "pending", redirect: form.dataset.statusUrl};
    }
    if (!(response.headers.get("content-type") || "").includes("json")) {
      // Not the shop's answer (a proxy's error page): the same, the outcome is unknown.
      return {status: "pending", redirect: form.dataset.statusUrl};
    }
    return response.json();
  }

  async function handle(result) {
    if (result === null) return;
    if (result.status === "succeeded" || result.status === "pending" ||
        result.status === "redirect") {
      // The order, "being confirmed", or a page whose message the shop kept for it
      // (sold out, session expired): the message is shown there, not used up here.
      if (result.message) {
        errorBox.classList.replace("alert-danger", "alert-info");
        errorBox.textContent = result.message;
        errorBox.hidden = false;
      }
      window.location.assign(result.redirect || form.dataset.statusUrl);
    } else if (result.status === "requires_action") {
      const authenticated = await stripe.confirmCardPayment(result.client_secret);
      // Whatever the browser says, the server asks Stripe before placing the order.
      handle(await post({payment_intent: result.payment_intent}));
      if (authenticated && authenticated.error) console.info(authenticated.error.message);
    } else {
      // A confirmed SetupIntent cannot take another card: the server sends a fresh one.
      if (result.setup_client_secret) form.dataset.setupSecret = result.setup_client_secret;
      showError(result.message);
    }
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    if (button.disabled) return;  // one click, one payment
    button.disabled = true;
    button.textContent = form.dataset.messageWorking;
    errorBox.hidden = true;
    try {
      const setup = await stripe.confirmCardSetup(form.dataset.setupSecret, {
        payment_method: {card: card},
      });
      if (setup.error) {
        showError(setup.error.message);
        return;
      }
      await handle(await post({
        payment_method: setup.setupIntent.payment_method,
        basket_fingerprint: form.dataset.basketFingerprint,
      }));
    } catch (error) {
      showError(form.dataset.messageNetwork);
    }
  });
})();

/** @odoo-module **/

import { registry } from "@web/core/registry";
import tourUtils from "@website_sale/js/tours/tour_utils";
import { bookFirstFreeSlotSteps } from "@session_booking/../tests/tours/session_booking_tour";

const SLOW = 180000; // payment post-processing and slot planning on a loaded machine

function payWithSavedCard() {
    // the client's demo card saved at an earlier purchase (the steps look
    // inside an open modal first, as every tour step does)
    return [
        {
            content: "Pay with the saved card",
            trigger: 'input[name="o_payment_radio"][data-payment-option-type="token"]',
            timeout: SLOW,
        },
        {
            content: "Pay",
            trigger: 'button[name="o_payment_submit_button"]:not(:disabled)',
        },
    ];
}

function goTo(content, url) {
    return {
        content,
        trigger: "body",
        run() {
            window.location.href = url;
        },
    };
}

registry.category("web_tour.tours").add("sale_partial_payment_client_tour", {
    test: true,
    url: "/shop?search=Tour Partial Package",
    steps: () => [
        {
            content: "Open the package",
            trigger: '.oe_product_cart a:contains("Tour Partial Package")',
        },
        {
            content: "Add it to the cart",
            trigger: '#product_detail form[action^="/shop/cart/update"] #add_to_cart',
        },
        tourUtils.goToCart(),
        tourUtils.goToCheckout(),
        {
            content: "The payment page offers the first part",
            trigger: "a.o_partial_pay_first",
            timeout: SLOW,
        },
        {
            content: "Pay the first part of the quotation",
            trigger: "#o_sale_portal_paynow",
            timeout: SLOW,
        },
        ...payWithSavedCard(),
        {
            content: "The order is confirmed with its first part invoiced",
            trigger: "#portal_sale_content td:contains('Down payment')",
            timeout: SLOW,
            isCheck: true,
        },
        goTo("My sessions", "/my/sessions"),
        ...bookFirstFreeSlotSteps(),
        goTo("My sessions again", "/my/sessions"),
        {
            content: "The next credit is locked until the next part is paid",
            trigger: ".o_session_package:contains('Tour Partial Package') small:contains('the next part unlocks more')",
            timeout: SLOW,
            isCheck: true,
        },
        goTo("The client center's orders", "/client-center/main/orders"),
        {
            content: "The order says what remains",
            trigger: ".o_partial_payment_summary:contains('remaining')",
            timeout: SLOW,
            isCheck: true,
        },
        {
            content: "Pay the next part",
            trigger: "a.o_partial_pay_next",
        },
        ...payWithSavedCard(),
        {
            content: "Back on the order: the second part is invoiced",
            trigger: "#portal_sale_content tr:contains('Down payment') ~ tr:contains('Down payment')",
            timeout: SLOW,
            isCheck: true,
        },
        goTo("My sessions", "/my/sessions"),
        ...bookFirstFreeSlotSteps(),
    ],
});

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

const FIRST_PART_ROW = "tr.o_client_center_order_row:has(a.o_partial_pay_first_part)";
const FREE_ROW = "tr.o_client_center_order_row:has(form.o_partial_pay_amount)";

registry.category("web_tour.tours").add("sale_partial_payment_client_center_tour", {
    test: true,
    url: "/client-center/main/orders",
    steps: () => [
        {
            content: "An unpaid order offers to pay in full or the first part, amounts with their currency",
            trigger: `${FIRST_PART_ROW} a.o_partial_pay_full:contains("400.00")`,
            extra_trigger: `${FIRST_PART_ROW} a.o_partial_pay_first_part:contains("100.00")`,
            isCheck: true,
        },
        {
            content: "Pay the first part",
            trigger: `${FIRST_PART_ROW} a.o_partial_pay_first_part`,
        },
        ...payWithSavedCard(),
        {
            content: "The order is confirmed with its first part invoiced",
            trigger: "#portal_sale_content td:contains('Down payment')",
            timeout: SLOW,
            isCheck: true,
        },
        goTo("The client center's orders", "/client-center/main/orders"),
        {
            content: "The first order says what is paid and offers the next part",
            trigger: "tr.o_client_center_order_row:has(a.o_partial_pay_next) .o_partial_payment_summary:contains('100.00 paid')",
            timeout: SLOW,
            isCheck: true,
        },
        {
            content: "The offer with free amounts asks for the amount of the part",
            trigger: `${FREE_ROW} input[name="amount"]`,
            run: "text 150",
        },
        {
            content: "Pay this amount",
            trigger: `${FREE_ROW} button.o_partial_pay_amount_submit`,
        },
        ...payWithSavedCard(),
        {
            content: "The free-amount order is confirmed with its part invoiced",
            trigger: "#portal_sale_content td:contains('Down payment')",
            timeout: SLOW,
            isCheck: true,
        },
        goTo("The client center's orders again", "/client-center/main/orders"),
        {
            content: "It says what was paid and what remains, and asks for the next part",
            trigger: `${FREE_ROW} .o_partial_payment_summary:contains('150.00 paid'):contains('250.00 remaining')`,
            timeout: SLOW,
            isCheck: true,
        },
    ],
});

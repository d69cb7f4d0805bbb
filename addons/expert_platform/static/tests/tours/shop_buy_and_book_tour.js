/** @odoo-module **/

import { registry } from "@web/core/registry";
import tourUtils from "@website_sale/js/tours/tour_utils";
import { bookFirstFreeSlotSteps } from "@session_booking/../tests/tours/session_booking_tour";

/**
 * A cart of services is billed, not shipped: the address step is "Billing"
 * and no visible text of the page speaks of shipping.
 */
function noShippingStep(content, trigger, extraTrigger) {
    return {
        content,
        trigger,
        extra_trigger: extraTrigger,
        run() {
            const text = document.querySelector("main").innerText;
            if (/shipping/i.test(text)) {
                throw new Error(`Shipping in a cart of services: ${text.match(/.{0,40}shipping.{0,40}/i)[0]}`);
            }
        },
    };
}

registry.category("web_tour.tours").add("expert_platform_shop_buy_and_book_tour", {
    test: true,
    url: "/shop?search=Tour Coaching Package",
    steps: () => [
        {
            content: "Open the package",
            trigger: '.oe_product_cart a:contains("Tour Coaching Package")',
        },
        {
            content: "Add it to the cart",
            trigger: '#product_detail form[action^="/shop/cart/update"] #add_to_cart',
        },
        tourUtils.goToCart(),
        tourUtils.goToCheckout(),
        noShippingStep(
            "The payment page: a Billing step and the billing address, nothing shipped",
            "#shipping_and_billing b:contains('Billing:')",
            ".o_wizard .o_wizard_steplabel:contains('Billing')"
        ),
        // tourUtils.payWithDemo() with a longer wait for the post-processing
        // (confirmation, invoice, reconciliation), slow on a loaded machine
        ...tourUtils.payWithDemo().slice(0, -1),
        {
            content: "eCommerce: check that the payment is successful",
            trigger: '.oe_website_sale_tx_status:contains("Your payment has been successfully processed.")',
            timeout: 60000,
            isCheck: true,
        },
        noShippingStep(
            "The confirmation page: the billing address only",
            "#shipping_and_billing b:contains('Billing:')"
        ),
        {
            content: "The confirmation page invites to book the sessions",
            trigger: ".o_session_book_invite a[href='/my/sessions']",
        },
        ...bookFirstFreeSlotSteps(),
    ],
});

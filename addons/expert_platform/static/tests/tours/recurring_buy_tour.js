/** @odoo-module **/

import { registry } from "@web/core/registry";
import tourUtils from "@website_sale/js/tours/tour_utils";
import { changeCardSteps } from "@recurring_order/../tests/tours/recurring_order_tour";

/**
 * A client buys a monthly plan in the shop: the checkout says the card is
 * saved and charged every month; paid with the demo provider, the plan is
 * in the client center's Recurring panel, where the client changes its card.
 */
registry.category("web_tour.tours").add("expert_platform_recurring_buy_tour", {
    test: true,
    url: "/shop?search=Tour Monthly Plan",
    steps: () => [
        {
            content: "Open the plan",
            trigger: '.oe_product_cart a:contains("Tour Monthly Plan")',
        },
        {
            content: "Add it to the cart",
            trigger: '#product_detail form[action^="/shop/cart/update"] #add_to_cart',
        },
        tourUtils.goToCart(),
        tourUtils.goToCheckout(),
        {
            content: "The checkout says the card is saved and charged every month",
            trigger: '.o_recurring_consent:contains("Your card is saved"):contains("every month")',
            isCheck: true,
        },
        {
            content: "Saving the card is required: no box to untick",
            trigger: "body:not(:has(input[name=o_payment_tokenize_checkbox]:visible))",
            isCheck: true,
        },
        {
            content: "The card saved before is offered; pay with a new card instead",
            trigger: "button[name=o_payment_expand_button]",
        },
        // tourUtils.payWithDemo() with a longer wait for the post-processing
        ...tourUtils.payWithDemo().slice(0, -1),
        {
            content: "eCommerce: check that the payment is successful",
            trigger: '.oe_website_sale_tx_status:contains("Your payment has been successfully processed.")',
            timeout: 60000,
            isCheck: true,
        },
        {
            content: "Go to the client center",
            trigger: "body",
            run() {
                window.location.href = "/client-center";
            },
        },
        ...changeCardSteps("Tour Monthly Plan", "1111"),
    ],
});

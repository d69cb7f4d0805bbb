/** @odoo-module **/

import { registry } from "@web/core/registry";
import tourUtils from "@website_sale/js/tours/tour_utils";
import { bookFirstFreeSlotSteps } from "@session_booking/../tests/tours/session_booking_tour";

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
        // tourUtils.payWithDemo() with a longer wait for the post-processing
        // (confirmation, invoice, reconciliation), slow on a loaded machine
        ...tourUtils.payWithDemo().slice(0, -1),
        {
            content: "eCommerce: check that the payment is successful",
            trigger: '.oe_website_sale_tx_status:contains("Your payment has been successfully processed.")',
            timeout: 30000,
            isCheck: true,
        },
        {
            content: "The confirmation page invites to book the sessions",
            trigger: ".o_session_book_invite a[href='/my/sessions']",
        },
        ...bookFirstFreeSlotSteps(),
    ],
});

// seedance: a header-only C++20 library for the Seedance 2.0 video generation API.
// SPDX-License-Identifier: MIT
//
// The default pricing table: the Seedance 2.0 rows of the provider's public pricing-rules feed
// (GET /v1/catalog/pricing-rules, schema_version "2"), rules EFFECTIVE 2026-09-16, as seen in a
// snapshot taken 2026-10-10 (meta.updated_at 2026-10-10T06:52:34Z).
// Source: data/pricing-rules-seedance-2.0.json, which cmake/embed_pricing_feed.cmake copies into the raw string
// below (tests/pricing checks that both parse to the same JSON). When the provider changes its
// prices, replace the literal with the new rows and update the dates above; no code changes.
//
// This file and the feed it embeds are the only place in the library where a rate is written.
// The currency conversions beside it are the provider's stated ones (docs/spec.md section 6) and can be
// overridden per estimate (`estimate_options`).
#ifndef SEEDANCE_PRICING_DATA_HPP
#define SEEDANCE_PRICING_DATA_HPP

#include <new>
#include <string_view>
#include <utility>

#include "decimal.hpp"
#include "pricing.hpp"

namespace seedance {

/// The date from which the rows of `default_pricing_feed` apply.
inline constexpr std::string_view default_pricing_effective = "2026-09-16";

/// The Seedance 2.0 rows (one per model of the table), in the feed's own JSON format.
inline constexpr std::string_view default_pricing_feed = R"feed({
 "meta": {
  "schema_version": "2",
  "price_scope": "public_default",
  "currency": "USD",
  "exchange_rate_version": "pricing-fx/v1:USD-CNY=6.8",
  "updated_at": "2026-10-10T06:52:34Z",
  "note": "The nine Seedance 2.0 rows of the provider's public pricing-rules feed (GET /v1/catalog/pricing-rules), as seen in a snapshot of 2026-10-10; rules effective 2026-09-16. Restated field by field; other models omitted."
 },
 "models": [
  {
   "model_id": "seedance-2.0-text-to-video",
   "product_id": "seedance-2-0",
   "operation": "text_to_video",
   "modality": "video",
   "lifecycle": "active",
   "pricing_status": "available",
   "settlement_basis": "request_then_actual",
   "parameters": [
    {
     "name": "duration_seconds",
     "type": "integer",
     "minimum": "4",
     "maximum": "15",
     "default": "5"
    },
    {
     "name": "quality",
     "type": "enum",
     "values": [
      "480p",
      "720p",
      "1080p",
      "4k"
     ],
     "default": "720p"
    },
    {
     "name": "search_count",
     "type": "integer",
     "minimum": "0",
     "default": "0"
    }
   ],
   "components": [
    {
     "id": "video_output",
     "role": "video_output",
     "dimension": "output_second",
     "sku_id": "4000",
     "unit": "output_second",
     "billing_unit_size": 1,
     "display_unit_size": 1,
     "rate": {
      "uc": "135000",
      "credits": "13.5",
      "cny": "1.35",
      "usd": "0.19852941"
     },
     "minimum_charge": {
      "uc": "250020",
      "credits": "25.002",
      "cny": "2.5002",
      "usd": "0.36767647"
     },
     "billing_rule": "per_second",
     "pricing_status": "available",
     "effective_at": "2026-09-16T07:41:04.814Z",
     "rounding": {
      "point": "per_component_subtotal",
      "mode": "half_up"
     },
     "tiers": [],
     "quantity_rule": {
      "op": "multiply",
      "args": [
       {
        "op": "variable",
        "name": "duration_seconds"
       },
       {
        "op": "lookup",
        "key": {
         "op": "variable",
         "name": "quality"
        },
        "values": {
         "1080p": "2.5",
         "480p": "0.465",
         "4k": "5.1",
         "720p": "1"
        }
       }
      ]
     }
    },
    {
     "id": "web_search",
     "role": "web_search",
     "dimension": "search",
     "sku_id": "4006",
     "unit": "search",
     "billing_unit_size": 1,
     "display_unit_size": 1,
     "rate": {
      "uc": "400",
      "credits": "0.04",
      "cny": "0.004",
      "usd": "0.00058824"
     },
     "minimum_charge": {
      "uc": "0",
      "credits": "0",
      "cny": "0",
      "usd": "0"
     },
     "billing_rule": "per_call",
     "pricing_status": "available",
     "effective_at": "2026-09-16T17:49:03.571Z",
     "condition": {
      "op": "gt",
      "args": [
       {
        "op": "variable",
        "name": "search_count"
       },
       {
        "op": "constant",
        "value": "0"
       }
      ]
     },
     "quantity_rule": {
      "op": "variable",
      "name": "search_count"
     },
     "rounding": {
      "point": "per_component_subtotal",
      "mode": "half_up"
     },
     "tiers": []
    }
   ]
  },
  {
   "model_id": "seedance-2.0-image-to-video",
   "product_id": "seedance-2-0",
   "operation": "image_to_video",
   "modality": "video",
   "lifecycle": "active",
   "pricing_status": "available",
   "settlement_basis": "request_only",
   "parameters": [
    {
     "name": "duration_seconds",
     "type": "integer",
     "minimum": "4",
     "maximum": "15",
     "default": "5"
    },
    {
     "name": "quality",
     "type": "enum",
     "values": [
      "480p",
      "720p",
      "1080p",
      "4k"
     ],
     "default": "720p"
    }
   ],
   "components": [
    {
     "id": "video_output",
     "role": "video_output",
     "dimension": "output_second",
     "sku_id": "4001",
     "unit": "output_second",
     "billing_unit_size": 1,
     "display_unit_size": 1,
     "rate": {
      "uc": "135000",
      "credits": "13.5",
      "cny": "1.35",
      "usd": "0.19852941"
     },
     "minimum_charge": {
      "uc": "250020",
      "credits": "25.002",
      "cny": "2.5002",
      "usd": "0.36767647"
     },
     "billing_rule": "per_second",
     "pricing_status": "available",
     "effective_at": "2026-09-16T07:41:04.814Z",
     "rounding": {
      "point": "per_component_subtotal",
      "mode": "half_up"
     },
     "tiers": [],
     "quantity_rule": {
      "op": "multiply",
      "args": [
       {
        "op": "variable",
        "name": "duration_seconds"
       },
       {
        "op": "lookup",
        "key": {
         "op": "variable",
         "name": "quality"
        },
        "values": {
         "1080p": "2.5",
         "480p": "0.465",
         "4k": "5.1",
         "720p": "1"
        }
       }
      ]
     }
    }
   ]
  },
  {
   "model_id": "seedance-2.0-reference-to-video",
   "product_id": "seedance-2-0",
   "operation": "reference_to_video",
   "modality": "video",
   "lifecycle": "active",
   "pricing_status": "available",
   "settlement_basis": "request_then_actual",
   "parameters": [
    {
     "name": "duration_seconds",
     "type": "integer",
     "minimum": "4",
     "maximum": "15",
     "default": "5"
    },
    {
     "name": "quality",
     "type": "enum",
     "values": [
      "480p",
      "720p",
      "1080p",
      "4k"
     ],
     "default": "720p"
    },
    {
     "name": "input_seconds",
     "type": "decimal",
     "minimum": "0",
     "default": "0"
    }
   ],
   "components": [
    {
     "id": "video_output",
     "role": "video_output",
     "dimension": "input_plus_output_second",
     "sku_id": "4002",
     "unit": "input_plus_output_second",
     "billing_unit_size": 1,
     "display_unit_size": 1,
     "rate": {
      "uc": "135000",
      "credits": "13.5",
      "cny": "1.35",
      "usd": "0.19852941"
     },
     "minimum_charge": {
      "uc": "250020",
      "credits": "25.002",
      "cny": "2.5002",
      "usd": "0.36767647"
     },
     "billing_rule": "per_second",
     "pricing_status": "available",
     "effective_at": "2026-09-16T07:41:04.814Z",
     "rounding": {
      "point": "per_component_subtotal",
      "mode": "half_up"
     },
     "tiers": [],
     "quantity_rule": {
      "op": "multiply",
      "args": [
       {
        "op": "divide",
        "args": [
         {
          "op": "ceil",
          "args": [
           {
            "op": "multiply",
            "args": [
             {
              "op": "add",
              "args": [
               {
                "op": "variable",
                "name": "duration_seconds"
               },
               {
                "op": "if",
                "args": [
                 {
                  "op": "gt",
                  "args": [
                   {
                    "op": "variable",
                    "name": "input_seconds"
                   },
                   {
                    "op": "constant",
                    "value": "0"
                   }
                  ]
                 },
                 {
                  "op": "max",
                  "args": [
                   {
                    "op": "variable",
                    "name": "input_seconds"
                   },
                   {
                    "op": "variable",
                    "name": "duration_seconds"
                   }
                  ]
                 },
                 {
                  "op": "constant",
                  "value": "0"
                 }
                ]
               }
              ]
             },
             {
              "op": "constant",
              "value": "10"
             }
            ]
           }
          ]
         },
         {
          "op": "constant",
          "value": "10"
         }
        ]
       },
       {
        "op": "if",
        "args": [
         {
          "op": "gt",
          "args": [
           {
            "op": "variable",
            "name": "input_seconds"
           },
           {
            "op": "constant",
            "value": "0"
           }
          ]
         },
         {
          "op": "lookup",
          "key": {
           "op": "variable",
           "name": "quality"
          },
          "values": {
           "1080p": "1.52",
           "480p": "0.284",
           "4k": "3.15",
           "720p": "0.609"
          }
         },
         {
          "op": "lookup",
          "key": {
           "op": "variable",
           "name": "quality"
          },
          "values": {
           "1080p": "2.5",
           "480p": "0.465",
           "4k": "5.1",
           "720p": "1"
          }
         }
        ]
       }
      ]
     }
    }
   ]
  },
  {
   "model_id": "seedance-2.0-fast-text-to-video",
   "product_id": "seedance-2-0-fast",
   "operation": "text_to_video",
   "modality": "video",
   "lifecycle": "active",
   "pricing_status": "available",
   "settlement_basis": "request_then_actual",
   "parameters": [
    {
     "name": "duration_seconds",
     "type": "integer",
     "minimum": "4",
     "maximum": "15",
     "default": "5"
    },
    {
     "name": "quality",
     "type": "enum",
     "values": [
      "480p",
      "720p"
     ],
     "default": "720p"
    },
    {
     "name": "search_count",
     "type": "integer",
     "minimum": "0",
     "default": "0"
    }
   ],
   "components": [
    {
     "id": "video_output",
     "role": "video_output",
     "dimension": "output_second",
     "sku_id": "4003",
     "unit": "output_second",
     "billing_unit_size": 1,
     "display_unit_size": 1,
     "rate": {
      "uc": "82013",
      "credits": "8.2013",
      "cny": "0.82013",
      "usd": "0.12060735"
     },
     "minimum_charge": {
      "uc": "151893",
      "credits": "15.1893",
      "cny": "1.51893",
      "usd": "0.22337206"
     },
     "billing_rule": "per_second",
     "pricing_status": "available",
     "effective_at": "2026-09-16T07:41:04.814Z",
     "rounding": {
      "point": "per_component_subtotal",
      "mode": "half_up"
     },
     "tiers": [],
     "quantity_rule": {
      "op": "multiply",
      "args": [
       {
        "op": "variable",
        "name": "duration_seconds"
       },
       {
        "op": "lookup",
        "key": {
         "op": "variable",
         "name": "quality"
        },
        "values": {
         "480p": "0.465",
         "720p": "1"
        }
       }
      ]
     }
    },
    {
     "id": "web_search",
     "role": "web_search",
     "dimension": "search",
     "sku_id": "4006",
     "unit": "search",
     "billing_unit_size": 1,
     "display_unit_size": 1,
     "rate": {
      "uc": "400",
      "credits": "0.04",
      "cny": "0.004",
      "usd": "0.00058824"
     },
     "minimum_charge": {
      "uc": "0",
      "credits": "0",
      "cny": "0",
      "usd": "0"
     },
     "billing_rule": "per_call",
     "pricing_status": "available",
     "effective_at": "2026-09-16T17:49:03.571Z",
     "condition": {
      "op": "gt",
      "args": [
       {
        "op": "variable",
        "name": "search_count"
       },
       {
        "op": "constant",
        "value": "0"
       }
      ]
     },
     "quantity_rule": {
      "op": "variable",
      "name": "search_count"
     },
     "rounding": {
      "point": "per_component_subtotal",
      "mode": "half_up"
     },
     "tiers": []
    }
   ]
  },
  {
   "model_id": "seedance-2.0-fast-image-to-video",
   "product_id": "seedance-2-0-fast",
   "operation": "image_to_video",
   "modality": "video",
   "lifecycle": "active",
   "pricing_status": "available",
   "settlement_basis": "request_only",
   "parameters": [
    {
     "name": "duration_seconds",
     "type": "integer",
     "minimum": "4",
     "maximum": "15",
     "default": "5"
    },
    {
     "name": "quality",
     "type": "enum",
     "values": [
      "480p",
      "720p"
     ],
     "default": "720p"
    }
   ],
   "components": [
    {
     "id": "video_output",
     "role": "video_output",
     "dimension": "output_second",
     "sku_id": "4004",
     "unit": "output_second",
     "billing_unit_size": 1,
     "display_unit_size": 1,
     "rate": {
      "uc": "82013",
      "credits": "8.2013",
      "cny": "0.82013",
      "usd": "0.12060735"
     },
     "minimum_charge": {
      "uc": "151893",
      "credits": "15.1893",
      "cny": "1.51893",
      "usd": "0.22337206"
     },
     "billing_rule": "per_second",
     "pricing_status": "available",
     "effective_at": "2026-09-16T07:41:04.814Z",
     "rounding": {
      "point": "per_component_subtotal",
      "mode": "half_up"
     },
     "tiers": [],
     "quantity_rule": {
      "op": "multiply",
      "args": [
       {
        "op": "variable",
        "name": "duration_seconds"
       },
       {
        "op": "lookup",
        "key": {
         "op": "variable",
         "name": "quality"
        },
        "values": {
         "480p": "0.465",
         "720p": "1"
        }
       }
      ]
     }
    }
   ]
  },
  {
   "model_id": "seedance-2.0-fast-reference-to-video",
   "product_id": "seedance-2-0-fast",
   "operation": "reference_to_video",
   "modality": "video",
   "lifecycle": "active",
   "pricing_status": "available",
   "settlement_basis": "request_then_actual",
   "parameters": [
    {
     "name": "duration_seconds",
     "type": "integer",
     "minimum": "4",
     "maximum": "15",
     "default": "5"
    },
    {
     "name": "quality",
     "type": "enum",
     "values": [
      "480p",
      "720p"
     ],
     "default": "720p"
    },
    {
     "name": "input_seconds",
     "type": "decimal",
     "minimum": "0",
     "default": "0"
    }
   ],
   "components": [
    {
     "id": "video_output",
     "role": "video_output",
     "dimension": "input_plus_output_second",
     "sku_id": "4005",
     "unit": "input_plus_output_second",
     "billing_unit_size": 1,
     "display_unit_size": 1,
     "rate": {
      "uc": "82013",
      "credits": "8.2013",
      "cny": "0.82013",
      "usd": "0.12060735"
     },
     "minimum_charge": {
      "uc": "151893",
      "credits": "15.1893",
      "cny": "1.51893",
      "usd": "0.22337206"
     },
     "billing_rule": "per_second",
     "pricing_status": "available",
     "effective_at": "2026-09-16T07:41:04.814Z",
     "rounding": {
      "point": "per_component_subtotal",
      "mode": "half_up"
     },
     "tiers": [],
     "quantity_rule": {
      "op": "multiply",
      "args": [
       {
        "op": "divide",
        "args": [
         {
          "op": "ceil",
          "args": [
           {
            "op": "multiply",
            "args": [
             {
              "op": "add",
              "args": [
               {
                "op": "variable",
                "name": "duration_seconds"
               },
               {
                "op": "if",
                "args": [
                 {
                  "op": "gt",
                  "args": [
                   {
                    "op": "variable",
                    "name": "input_seconds"
                   },
                   {
                    "op": "constant",
                    "value": "0"
                   }
                  ]
                 },
                 {
                  "op": "max",
                  "args": [
                   {
                    "op": "variable",
                    "name": "input_seconds"
                   },
                   {
                    "op": "variable",
                    "name": "duration_seconds"
                   }
                  ]
                 },
                 {
                  "op": "constant",
                  "value": "0"
                 }
                ]
               }
              ]
             },
             {
              "op": "constant",
              "value": "10"
             }
            ]
           }
          ]
         },
         {
          "op": "constant",
          "value": "10"
         }
        ]
       },
       {
        "op": "if",
        "args": [
         {
          "op": "gt",
          "args": [
           {
            "op": "variable",
            "name": "input_seconds"
           },
           {
            "op": "constant",
            "value": "0"
           }
          ]
         },
         {
          "op": "lookup",
          "key": {
           "op": "variable",
           "name": "quality"
          },
          "values": {
           "480p": "0.277",
           "720p": "0.595"
          }
         },
         {
          "op": "lookup",
          "key": {
           "op": "variable",
           "name": "quality"
          },
          "values": {
           "480p": "0.465",
           "720p": "1"
          }
         }
        ]
       }
      ]
     }
    }
   ]
  },
  {
   "model_id": "seedance-2.0-mini-text-to-video",
   "product_id": "seedance-2-0-mini",
   "operation": "text_to_video",
   "modality": "video",
   "lifecycle": "active",
   "pricing_status": "available",
   "settlement_basis": "request_only",
   "parameters": [
    {
     "name": "duration_seconds",
     "type": "integer",
     "minimum": "4",
     "maximum": "15",
     "default": "5"
    },
    {
     "name": "quality",
     "type": "enum",
     "values": [
      "480p",
      "720p"
     ],
     "default": "720p"
    }
   ],
   "components": [
    {
     "id": "video_output",
     "role": "video_output",
     "dimension": "output_second",
     "sku_id": "4007",
     "unit": "output_second",
     "billing_unit_size": 1,
     "display_unit_size": 1,
     "rate": {
      "uc": "27000",
      "credits": "2.7",
      "cny": "0.27",
      "usd": "0.03970588"
     },
     "minimum_charge": {
      "uc": "50004",
      "credits": "5.0004",
      "cny": "0.50004",
      "usd": "0.07353529"
     },
     "billing_rule": "per_second",
     "pricing_status": "available",
     "effective_at": "2026-09-16T07:41:04.814Z",
     "rounding": {
      "point": "per_component_subtotal",
      "mode": "half_up"
     },
     "tiers": [],
     "quantity_rule": {
      "op": "multiply",
      "args": [
       {
        "op": "variable",
        "name": "duration_seconds"
       },
       {
        "op": "lookup",
        "key": {
         "op": "variable",
         "name": "quality"
        },
        "values": {
         "480p": "0.465",
         "720p": "1"
        }
       }
      ]
     }
    }
   ]
  },
  {
   "model_id": "seedance-2.0-mini-image-to-video",
   "product_id": "seedance-2-0-mini",
   "operation": "image_to_video",
   "modality": "video",
   "lifecycle": "active",
   "pricing_status": "available",
   "settlement_basis": "request_only",
   "parameters": [
    {
     "name": "duration_seconds",
     "type": "integer",
     "minimum": "4",
     "maximum": "15",
     "default": "5"
    },
    {
     "name": "quality",
     "type": "enum",
     "values": [
      "480p",
      "720p"
     ],
     "default": "720p"
    }
   ],
   "components": [
    {
     "id": "video_output",
     "role": "video_output",
     "dimension": "output_second",
     "sku_id": "4008",
     "unit": "output_second",
     "billing_unit_size": 1,
     "display_unit_size": 1,
     "rate": {
      "uc": "27000",
      "credits": "2.7",
      "cny": "0.27",
      "usd": "0.03970588"
     },
     "minimum_charge": {
      "uc": "50004",
      "credits": "5.0004",
      "cny": "0.50004",
      "usd": "0.07353529"
     },
     "billing_rule": "per_second",
     "pricing_status": "available",
     "effective_at": "2026-09-16T07:41:04.814Z",
     "rounding": {
      "point": "per_component_subtotal",
      "mode": "half_up"
     },
     "tiers": [],
     "quantity_rule": {
      "op": "multiply",
      "args": [
       {
        "op": "variable",
        "name": "duration_seconds"
       },
       {
        "op": "lookup",
        "key": {
         "op": "variable",
         "name": "quality"
        },
        "values": {
         "480p": "0.465",
         "720p": "1"
        }
       }
      ]
     }
    }
   ]
  },
  {
   "model_id": "seedance-2.0-mini-reference-to-video",
   "product_id": "seedance-2-0-mini",
   "operation": "reference_to_video",
   "modality": "video",
   "lifecycle": "active",
   "pricing_status": "available",
   "settlement_basis": "request_then_actual",
   "parameters": [
    {
     "name": "duration_seconds",
     "type": "integer",
     "minimum": "4",
     "maximum": "15",
     "default": "5"
    },
    {
     "name": "quality",
     "type": "enum",
     "values": [
      "480p",
      "720p"
     ],
     "default": "720p"
    },
    {
     "name": "input_seconds",
     "type": "decimal",
     "minimum": "0",
     "default": "0"
    }
   ],
   "components": [
    {
     "id": "video_output",
     "role": "video_output",
     "dimension": "input_plus_output_second",
     "sku_id": "4009",
     "unit": "input_plus_output_second",
     "billing_unit_size": 1,
     "display_unit_size": 1,
     "rate": {
      "uc": "27000",
      "credits": "2.7",
      "cny": "0.27",
      "usd": "0.03970588"
     },
     "minimum_charge": {
      "uc": "50004",
      "credits": "5.0004",
      "cny": "0.50004",
      "usd": "0.07353529"
     },
     "billing_rule": "per_second",
     "pricing_status": "available",
     "effective_at": "2026-09-16T07:41:04.814Z",
     "rounding": {
      "point": "per_component_subtotal",
      "mode": "half_up"
     },
     "tiers": [],
     "quantity_rule": {
      "op": "multiply",
      "args": [
       {
        "op": "divide",
        "args": [
         {
          "op": "ceil",
          "args": [
           {
            "op": "multiply",
            "args": [
             {
              "op": "add",
              "args": [
               {
                "op": "variable",
                "name": "duration_seconds"
               },
               {
                "op": "if",
                "args": [
                 {
                  "op": "gt",
                  "args": [
                   {
                    "op": "variable",
                    "name": "input_seconds"
                   },
                   {
                    "op": "constant",
                    "value": "0"
                   }
                  ]
                 },
                 {
                  "op": "max",
                  "args": [
                   {
                    "op": "variable",
                    "name": "input_seconds"
                   },
                   {
                    "op": "variable",
                    "name": "duration_seconds"
                   }
                  ]
                 },
                 {
                  "op": "constant",
                  "value": "0"
                 }
                ]
               }
              ]
             },
             {
              "op": "constant",
              "value": "10"
             }
            ]
           }
          ]
         },
         {
          "op": "constant",
          "value": "10"
         }
        ]
       },
       {
        "op": "if",
        "args": [
         {
          "op": "gt",
          "args": [
           {
            "op": "variable",
            "name": "input_seconds"
           },
           {
            "op": "constant",
            "value": "0"
           }
          ]
         },
         {
          "op": "lookup",
          "key": {
           "op": "variable",
           "name": "quality"
          },
          "values": {
           "480p": "0.284",
           "720p": "0.609"
          }
         },
         {
          "op": "lookup",
          "key": {
           "op": "variable",
           "name": "quality"
          },
          "values": {
           "480p": "0.465",
           "720p": "1"
          }
         }
        ]
       }
      ]
     }
    }
   ]
  }
 ]
})feed";

/// Units and currencies (docs/spec.md section 6; the provider's pricing page).
namespace pricing_defaults {
/// Amounts in the feed are in uc: 1 credit = 10,000 uc.
inline constexpr decimal uc_per_credit{10000};
/// 1 credit = 0.1 CNY.
inline constexpr decimal cny_per_credit = *decimal::parse("0.1");
/// 6.8 CNY = 1 USD (the feed's meta.exchange_rate_version "pricing-fx/v1:USD-CNY=6.8").
inline constexpr decimal cny_per_usd = *decimal::parse("6.8");
/// `content_filter: false` costs 10% more (the provider's page: "+10% (1.1x)"). The feed has no
/// such parameter; the estimator applies the factor to the total and says it is an inference.
inline constexpr decimal content_filter_off_factor = *decimal::parse("1.1");
}  // namespace pricing_defaults

/// The default table, loaded from `default_pricing_feed` on first use (thread-safe; about the
/// cost of one feed load, see docs/pricing.md). Throws std::bad_alloc when memory runs out while
/// it loads; the next call tries again.
[[nodiscard]] inline const pricing_table& default_pricing() {
  static const pricing_table table = [] {
    pricing_load_result r = pricing_table::parse(default_pricing_feed);
    // The shipped feed loads (a test checks it): a failure is an allocation failure. Thrown, so
    // that the next call tries again, rather than an empty table kept for the program's life.
    if (!r.table) throw std::bad_alloc();
    return std::move(*r.table);
  }();
  return table;
}

}  // namespace seedance

#endif  // SEEDANCE_PRICING_DATA_HPP

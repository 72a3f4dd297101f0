/**
 * A stand-in for Kakao's postcode service (`GET /postcode/postcode.v2.js`): it defines
 * `daum.Postcode` with the same `new daum.Postcode({ oncomplete }).open()` call, and opens a small
 * in-page search over a handful of real-format addresses, so that checkout works and is tested
 * offline. `oncomplete` receives the fields of Kakao's result object that stores read.
 */
const ADDRESSES = [
  { zonecode: "06236", roadAddress: "서울 강남구 테헤란로 131", jibunAddress: "서울 강남구 역삼동 736-1", buildingName: "한국지식재산센터" },
  { zonecode: "04524", roadAddress: "서울 중구 세종대로 110", jibunAddress: "서울 중구 태평로1가 31", buildingName: "서울특별시청" },
  { zonecode: "13529", roadAddress: "경기 성남시 분당구 판교역로 166", jibunAddress: "경기 성남시 분당구 백현동 532", buildingName: "카카오 판교아지트" },
  { zonecode: "48058", roadAddress: "부산 해운대구 해운대해변로 264", jibunAddress: "부산 해운대구 우동 1411-1", buildingName: "" },
  { zonecode: "63309", roadAddress: "제주특별자치도 제주시 첨단로 242", jibunAddress: "제주특별자치도 제주시 영평동 2181", buildingName: "" },
  { zonecode: "34126", roadAddress: "대전 유성구 대학로 99", jibunAddress: "대전 유성구 궁동 220", buildingName: "충남대학교" },
];

const SCRIPT = String.raw`(function () {
  "use strict";
  var ADDRESSES = __ADDRESSES__;
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "style") node.style.cssText = attrs[k];
      else node.setAttribute(k, attrs[k]);
    }
    if (text != null) node.textContent = text;
    return node;
  }
  function result(a) {
    return {
      zonecode: a.zonecode, address: a.roadAddress, addressType: "R", userSelectedType: "R",
      roadAddress: a.roadAddress, jibunAddress: a.jibunAddress, buildingName: a.buildingName,
      apartment: "N", bname: "", sido: a.roadAddress.split(" ")[0], sigungu: a.roadAddress.split(" ")[1], query: ""
    };
  }
  function Postcode(options) {
    this.oncomplete = options && typeof options.oncomplete === "function" ? options.oncomplete : function () {};
    this.onclose = options && typeof options.onclose === "function" ? options.onclose : function () {};
  }
  Postcode.prototype.open = function () {
    var self = this;
    var previous = document.activeElement;
    var backdrop = el("div", { "data-postcode-sandbox": "", style: "position:fixed;inset:0;z-index:2147483000;background:rgba(0,0,0,.45);display:flex;align-items:flex-start;justify-content:center;padding:24px 12px;box-sizing:border-box" });
    var dialog = el("div", { role: "dialog", "aria-modal": "true", "aria-labelledby": "postcode-sandbox-title", style: "background:#fff;color:#191f28;border-radius:14px;width:100%;max-width:420px;max-height:100%;overflow:auto;padding:16px;box-sizing:border-box;font:15px/1.5 system-ui,sans-serif" });
    var title = el("h2", { id: "postcode-sandbox-title", style: "font-size:17px;margin:0 0 8px" }, "우편번호 검색 (샌드박스)");
    var label = el("label", { for: "postcode-sandbox-query", style: "display:block;font-size:13px;color:#4e5968;margin-bottom:4px" }, "도로명, 건물명 또는 지번");
    var input = el("input", { id: "postcode-sandbox-query", type: "search", autocomplete: "off", style: "width:100%;box-sizing:border-box;font:inherit;padding:10px;border:1px solid #8b95a1;border-radius:8px" });
    var list = el("ul", { "aria-label": "검색 결과", style: "list-style:none;margin:12px 0 0;padding:0;display:grid;gap:6px" });
    var close = el("button", { type: "button", style: "margin-top:12px;width:100%;min-height:44px;font:inherit;border:0;border-radius:8px;background:#e8f3ff;color:#1b64da;cursor:pointer" }, "닫기");
    function finish(value) {
      document.removeEventListener("keydown", onKey, true);
      backdrop.remove();
      if (previous && previous.focus) previous.focus();
      if (value) self.oncomplete(value); else self.onclose("FORCE_CLOSE");
    }
    function onKey(e) { if (e.key === "Escape") { e.preventDefault(); finish(null); } }
    function render() {
      var q = input.value.trim();
      list.replaceChildren();
      ADDRESSES.filter(function (a) {
        return !q || (a.roadAddress + " " + a.jibunAddress + " " + a.buildingName + " " + a.zonecode).indexOf(q) >= 0;
      }).forEach(function (a) {
        var button = el("button", { type: "button", style: "width:100%;text-align:left;min-height:44px;font:inherit;padding:8px 10px;border:1px solid #d0d7e2;border-radius:8px;background:#fff;cursor:pointer" });
        button.appendChild(el("strong", { style: "display:block" }, a.zonecode + " " + a.roadAddress));
        button.appendChild(el("span", { style: "display:block;font-size:13px;color:#4e5968" }, "지번 " + a.jibunAddress + (a.buildingName ? " · " + a.buildingName : "")));
        button.addEventListener("click", function () { finish(result(a)); });
        var item = el("li");
        item.appendChild(button);
        list.appendChild(item);
      });
    }
    input.addEventListener("input", render);
    close.addEventListener("click", function () { finish(null); });
    backdrop.addEventListener("click", function (e) { if (e.target === backdrop) finish(null); });
    document.addEventListener("keydown", onKey, true);
    dialog.append(title, label, input, list, close);
    backdrop.appendChild(dialog);
    document.body.appendChild(backdrop);
    render();
    input.focus();
  };
  window.daum = window.daum || {};
  window.daum.Postcode = Postcode;
  window.kakao = window.kakao || {};
  window.kakao.Postcode = Postcode;
})();
`;

export function postcodeScript(): string {
  return SCRIPT.replace("__ADDRESSES__", JSON.stringify(ADDRESSES));
}

/* script.c - the one small script every HTML page carries. The page is
 * complete without it (every link, note and table works with JavaScript
 * off); it only adds what needs the browser's help:
 *   - the light/dark toggle, remembered in localStorage (without it the page
 *     follows prefers-color-scheme through CSS alone),
 *   - scroll boxes (.tabel, .diagram-ramme) become a Tab stop and a named
 *     region only while they actually scroll: only a script can measure
 *     that. Without it no box is a Tab stop; current browsers (Chromium
 *     130+, Firefox) make a scroller without focusable content keyboard-
 *     focusable by themselves, so a wide table still scrolls by keyboard,
 *   - the contents sidebar marks the section being read and folds away on
 *     small screens,
 *   - a popup (role=tooltip, aria-describedby) shows the target of an
 *     internal link (cross-reference, citation, footnote mark) on hover and
 *     focus; Escape hides it, the pointer can move onto it (WCAG 1.4.13),
 *   - a chart opens larger in a modal <dialog>.
 * The Content-Security-Policy allows this script by its SHA-256 hash, which
 * html.c computes from this text as it writes the page, and no other: a
 * script that came from the text could never run. The interface words come from data- attributes on <body>. */
#include "html/internal.h"

const char html_script[] =
    "(function(){'use strict';\n"
    "var d=document,r=d.documentElement,K='rapport-farve';\n"
    "try{var s=localStorage.getItem(K);if(s==='lys'||s==='moerk')r.dataset.farve=s}catch(e){}\n"
    "d.addEventListener('DOMContentLoaded',function(){\n"
    "var b=d.body,W=b.dataset,mq=matchMedia('(prefers-color-scheme: dark)');\n"
    "function el(t,c,x){var e=d.createElement(t);if(c)e.className=c;if(x)e.textContent=x;return e}\n"
    /* light/dark: the button says what it does and whether dark is on */
    "var fk=el('button','farveknap',W.moerk);fk.type='button';\n"
    "function dark(){return r.dataset.farve?r.dataset.farve==='moerk':mq.matches}\n"
    "function sync(){fk.setAttribute('aria-pressed',dark()?'true':'false')}\n"
    "fk.onclick=function(){var v=dark()?'lys':'moerk';r.dataset.farve=v;try{localStorage.setItem(K,v)}catch(e){}sync()};\n"
    "mq.addEventListener('change',sync);sync();\n"
    "var hd=d.querySelector('.titelblok');if(hd)hd.appendChild(fk);else d.querySelector('main').prepend(fk);\n"
    /* scroll boxes: a Tab stop and a region only while they scroll */
    "function fit(){d.querySelectorAll('.tabel,.diagram-ramme').forEach(function(e){\n"
    " if(e.scrollWidth>e.clientWidth+1){e.tabIndex=0;e.setAttribute('role','region');\n"
    "  var c=e.querySelector('caption');if(c&&c.id)e.setAttribute('aria-labelledby',c.id);else e.setAttribute('aria-label',e.dataset.navn||'')}\n"
    " else['tabindex','role','aria-labelledby','aria-label'].forEach(function(a){e.removeAttribute(a)})})}\n"
    "fit();addEventListener('resize',fit);\n"
    /* contents: fold on small screens, mark the section being read */
    "var nav=d.querySelector('.indhold');\n"
    "if(nav){var h2=nav.querySelector('h2'),ol=nav.querySelector('ol'),fb=el('button','foldknap',h2.textContent);\n"
    " fb.type='button';ol.id=ol.id||'indhold-liste';fb.setAttribute('aria-controls',ol.id);fb.setAttribute('aria-expanded','true');\n"
    " fb.onclick=function(){var o=fb.getAttribute('aria-expanded')==='true';fb.setAttribute('aria-expanded',o?'false':'true');nav.classList.toggle('lukket',o)};\n"
    " h2.after(fb);\n"
    " var ls=[].slice.call(nav.querySelectorAll('a[href^=\"#\"]')),hs=ls.map(function(a){return d.getElementById(decodeURIComponent(a.hash.slice(1)))}),ti=0;\n"
    " var spy=function(){ti=0;var k=-1;hs.forEach(function(h,i){if(h&&h.getBoundingClientRect().top<innerHeight/3)k=i});\n"
    "  ls.forEach(function(a,i){if(i===k)a.setAttribute('aria-current','location');else a.removeAttribute('aria-current')})};\n"
    " addEventListener('scroll',function(){if(!ti)ti=requestAnimationFrame(spy)},{passive:true});spy()}\n"
    /* popups for internal links */
    "var tip=el('div','tip');tip.id='rapport-tip';tip.setAttribute('role','tooltip');tip.hidden=true;b.appendChild(tip);\n"
    "var cur=null,ht=0;\n"
    "function txt(a){var t=d.getElementById(decodeURIComponent(a.hash.slice(1)));if(!t)return'';\n"
    " var c=t.querySelector('caption,figcaption'),x='';if(c)t=c;else if(t.tagName==='LI'){t=t.cloneNode(true);t.querySelectorAll('.tilbage').forEach(function(x){x.remove()})}\n"
    /* a section: its heading and how its text begins */
    " else if(/^H[1-6]$/.test(t.tagName)){var n=t.nextElementSibling;while(n&&!/^(P|H[1-6])$/.test(n.tagName))n=n.nextElementSibling;\n"
    "  if(n&&n.tagName==='P'){x=n.textContent.replace(/\\s+/g,' ').trim();x=': '+(x.length>200?x.slice(0,200).replace(/\\s\\S*$/,'')+' \\u2026':x)}}\n"
    " return t.textContent.replace(/\\s+/g,' ').trim()+x}\n"
    "function hide(){clearTimeout(ht);if(cur)cur.removeAttribute('aria-describedby');cur=null;tip.hidden=true}\n"
    "function show(a){clearTimeout(ht);if(cur===a)return;hide();var t=txt(a);if(!t||t===a.textContent.trim())return;\n"
    " tip.textContent=t;tip.hidden=false;cur=a;a.setAttribute('aria-describedby',tip.id);\n"
    " var q=a.getBoundingClientRect(),w=tip.offsetWidth,x=Math.max(8,Math.min(q.left,innerWidth-w-8)),y=q.bottom+6;\n"
    " if(y+tip.offsetHeight>innerHeight&&q.top-tip.offsetHeight-6>0)y=q.top-tip.offsetHeight-6;\n"
    " tip.style.left=x+scrollX+'px';tip.style.top=y+scrollY+'px'}\n"
    "function link(e){var a=e.target.closest&&e.target.closest('main a[href^=\"#\"]:not(.anker):not(.tilbage)');return a}\n"
    "d.addEventListener('focusin',function(e){var a=link(e);if(a)show(a);else hide()});\n"
    "d.addEventListener('focusout',function(e){if(link(e)===cur)hide()});\n"
    /* the pointer may cross the gap between link and popup: reaching the
       popup keeps it (WCAG 1.4.13, hoverable) */
    "d.addEventListener('mouseover',function(e){var a=link(e);if(a)show(a);else if(tip.contains(e.target))clearTimeout(ht);\n"
    " else if(cur&&d.activeElement!==cur){clearTimeout(ht);ht=setTimeout(hide,300)}});\n"
    "d.addEventListener('keydown',function(e){if(e.key==='Escape'&&cur)hide()});\n"
    "d.addEventListener('click',function(e){if(link(e))hide()});\n"
    /* a chart opens larger in a dialog */
    "var dlg=null;\n"
    "d.querySelectorAll('.figur figure').forEach(function(f){if(!f.querySelector('svg'))return;\n"
    " var z=el('button','forstoer',W.forstoer);z.type='button';\n"
    " z.onclick=function(){var v=[].filter.call(f.querySelectorAll('svg'),function(s){return s.getBoundingClientRect().width>0})[0]||f.querySelector('svg');\n"
    "  if(!dlg){dlg=el('dialog','stor');var lk=el('button','luk',W.luk);lk.type='button';lk.onclick=function(){dlg.close()};dlg.appendChild(lk);\n"
    "   dlg.appendChild(el('div'));b.appendChild(dlg);dlg.addEventListener('click',function(e){if(e.target===dlg)dlg.close()})}\n"
    "  var c=v.cloneNode(true);c.removeAttribute('style');c.querySelectorAll('[id]').forEach(function(x){x.removeAttribute('id')});\n"
    "  c.removeAttribute('aria-labelledby');c.setAttribute('aria-label',v.querySelector('title').textContent);\n"
    "  dlg.setAttribute('aria-label',v.querySelector('title').textContent);dlg.lastChild.replaceChildren(c);dlg.showModal()};\n"
    " f.appendChild(z)});\n"
    "});})();\n";
